// How operator snapshots become bytes: one buffer per key group (encoded in steps while records keep
// flowing, decoded on restore only by the subtask that owns the group), and one file per subtask
// made of a small header followed by those buffers.
import { deserialize, serialize } from "node:v8";
import { decodeColumn, type EncodedColumn, encodeColumn } from "./column-codec.js";
import type { EncodedOperatorSnapshot, KeyGroupSnapshot, StateColumns } from "./snapshot.js";

/** A key group as stored: keys and values of each state in columnar form (column-codec.ts). */
interface StoredKeyGroup extends Omit<KeyGroupSnapshot, "states"> {
  readonly states: Record<string, Omit<StateColumns, "keys" | "values"> & { readonly keys: EncodedColumn; readonly values: EncodedColumn }>;
}

/**
 * Why columnar: restore time is dominated by v8.deserialize of many small objects; typed
 * arrays, joined strings and per-field columns deserialise 2–4× faster (column-codec.bench.ts).
 */
export function encodeKeyGroup(group: KeyGroupSnapshot): Uint8Array {
  const states: StoredKeyGroup["states"] = {};
  for (const [name, c] of Object.entries(group.states)) states[name] = { namespaces: c.namespaces, nsIndex: c.nsIndex, keys: encodeColumn(c.keys), values: encodeColumn(c.values) };
  return serialize({ states, eventTimers: group.eventTimers, processingTimers: group.processingTimers } satisfies StoredKeyGroup);
}

export function decodeKeyGroup(bytes: Uint8Array): KeyGroupSnapshot {
  const stored = deserialize(bytes) as StoredKeyGroup;
  const states: Record<string, StateColumns> = {};
  for (const [name, c] of Object.entries(stored.states)) states[name] = { namespaces: c.namespaces, nsIndex: c.nsIndex, keys: decodeColumn(c.keys), values: decodeColumn(c.values) };
  return { states, eventTimers: stored.eventTimers, processingTimers: stored.processingTimers };
}

interface FileHeader extends Omit<EncodedOperatorSnapshot, "encodedKeyGroups"> {
  /** Key group and byte length of each buffer after the header, in file order. */
  readonly keyGroupLengths?: [number, number][];
}

/**
 * The parts of one subtask's state file, to be written one after another without joining them:
 * a 4-byte little-endian header length, the header (v8), then the key groups' bytes.
 */
export function snapshotFileParts(snapshot: EncodedOperatorSnapshot): Uint8Array[] {
  const { encodedKeyGroups, ...rest } = snapshot;
  const groups = Object.entries(encodedKeyGroups ?? {});
  const header: FileHeader = encodedKeyGroups === undefined ? rest : { ...rest, keyGroupLengths: groups.map(([kg, bytes]) => [Number(kg), bytes.length]) };
  const headerBytes = serialize(header);
  const length = Buffer.alloc(4);
  length.writeUInt32LE(headerBytes.length, 0);
  return [length, headerBytes, ...groups.map(([, bytes]) => bytes)];
}

/** Reads a state file written from `snapshotFileParts`; key groups stay encoded (views into `bytes`). */
export function readSnapshotFile(bytes: Uint8Array): EncodedOperatorSnapshot {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = buffer.readUInt32LE(0);
  const { keyGroupLengths, ...rest } = deserialize(buffer.subarray(4, 4 + headerLength)) as FileHeader;
  if (keyGroupLengths === undefined) return rest;
  const encodedKeyGroups: Record<number, Uint8Array> = {};
  let offset = 4 + headerLength;
  for (const [kg, length] of keyGroupLengths) {
    encodedKeyGroups[kg] = buffer.subarray(offset, offset + length);
    offset += length;
  }
  if (offset !== buffer.length) throw new Error(`state file is ${buffer.length} bytes, its header accounts for ${offset}: the file is damaged`);
  return { ...rest, encodedKeyGroups };
}
