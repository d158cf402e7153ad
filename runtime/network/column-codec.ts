// The byte layout of a batch frame's header, timestamps and columns, shared by the generic batch codec
// (batch-codec.ts, which finds each batch's shape) and the per-schema codecs (schema-batch-codec.ts, whose shape the
// compiler knew): writing a gathered column, bounding its size, and reading it back as scatter inputs.
//
// Header, byte offsets from the start of the payload (a multiple of 8), numbers in the platform's byte order:
//   0 u32 format (FORMAT_*)   4 u32 records n   8 u32 timestamps (0 one for all, 1 one each)
//  12 u32 the format's own (COLUMNS: descriptor length; V8: blob bytes; SCHEMA: the schema's fingerprint)
//  16 f64 the timestamp of all (if one for all), then f64 × n timestamps (if one each)
// Columns, each from an 8-byte boundary:
//   N  u32 int32?, u32 0, then i32 × n or f64 × n
//   M  u32 int32?, u32 0, u8 × n tags, then (8-aligned) i32 × n or f64 × n
//   B  u8 × n
//   S  u32 flags (1 UTF-16, 2 dictionary), u32 entries m, u32 bytes of text, u32 0, i32 × m lengths,
//      i32 × n codes (dictionary only), the text (ASCII or UTF-16)
//   V, O  u32 bytes, u32 0, v8.serialize of the column
import { Buffer } from "node:buffer";
import type { TextEncoder } from "node:util";
import { deserialize, serialize } from "node:v8";
import { EddyError } from "../core/errors.js";
import type { RecordBatch } from "../core/record-batch.js";
import type { ColumnKind, EncoderColumn } from "../../formats/record-shape.js";

export const FORMAT_EMPTY = 0;
export const FORMAT_COLUMNS = 1;
export const FORMAT_V8 = 2;
/** Columns in the order of a schema both ends know (no descriptor): schema-batch-codec.ts. */
export const FORMAT_SCHEMA = 3;
export const HEADER = 24;
const STRING_UTF16 = 1;
const STRING_DICTIONARY = 2;
/**
 * Code units of text decoded at once: what a decoded string kept for long (in window state, say) holds on to at
 * worst, since V8 slices share their parent's characters. Cost: one native call per chunk (~1 ns a Nexmark bid).
 */
const STRING_CHUNK = 4096;
/** Batches a string column goes without dictionary lookups before it tries them again. */
const DICTIONARY_PROBE = 32;

export const align8 = (n: number): number => (n + 7) & ~7;

/** Work a gather leaves for the whole column: v8 blobs of V/O columns, whether S columns keep their dictionary. */
export function finishColumns(columns: readonly EncoderColumn[], n: number): void {
  for (const column of columns) {
    if (column.kind === "V" || column.kind === "O") {
      column.values.length = n;
      column.blob = serializeColumn(column.values);
    } else if (column.kind === "S") {
      if (column.dictionary) {
        // why: fewer than 1 in 8 strings found again (unique text): the lookups cost more than they save
        if (column.entries * 8 > n * 7) {
          column.dictionary = false;
          column.probeIn = DICTIONARY_PROBE;
        }
      } else if (--column.probeIn <= 0) column.dictionary = true;
    }
  }
}

function serializeColumn(values: unknown[]): Uint8Array {
  try {
    return serialize(values);
  } catch (e) {
    throw new EddyError("user", `a record cannot be sent to another worker thread: ${e instanceof Error ? e.message : String(e)}`, {}, { cause: e, retriable: false });
  }
}

/** An upper bound of one column's section (after finishColumns). */
export function columnBound(column: EncoderColumn, n: number): number {
  switch (column.kind) {
    case "N": return 8 + 8 * n;
    case "M": return 8 + align8(n) + 8 * n;
    case "B": return align8(n);
    case "V":
    case "O": return 8 + align8(column.blob!.length);
    case "S": return align8(16 + 4 * column.entries + 4 * n + 2 * column.joined.length);
  }
}

/** Whether every timestamp equals the first (-0 and 0 told apart, as the round trip must). */
export function isConstant(ts: readonly number[], n: number): boolean {
  const t0 = ts[0]!;
  for (let i = 1; i < n; i++) if (ts[i] !== t0) return false;
  if (t0 === 0) for (let i = 0; i < n; i++) if (1 / ts[i]! !== 1 / t0) return false;
  return t0 === t0; // NaN: stored per record
}

/** Writes the header (the format's own word at 12 too) and the timestamps; returns the position after them. */
export function writeHeader(view: DataView, target: Buffer, offset: number, format: number, word: number, batch: RecordBatch, constantTime: boolean): number {
  const n = batch.length;
  view.setUint32(0, format, true);
  view.setUint32(4, n, true);
  view.setUint32(8, constantTime ? 0 : 1, true);
  view.setUint32(12, word, true);
  if (constantTime) {
    view.setFloat64(16, batch.timestamps[0]!, true);
    return HEADER;
  }
  const times = new Float64Array(target.buffer, target.byteOffset + offset + HEADER, n);
  const ts = batch.timestamps;
  for (let i = 0; i < n; i++) times[i] = ts[i]!;
  return HEADER + 8 * n;
}

/** Reads the timestamps of a frame into `into` (its length set); returns the position after them. */
export function readTimestamps(view: DataView, source: Buffer, base: number, n: number, into: RecordBatch): number {
  into.length = n;
  const ts = into.timestamps;
  if (view.getUint32(8, true) === 0) {
    const t = view.getFloat64(16, true);
    for (let i = 0; i < n; i++) ts[i] = t;
    return HEADER;
  }
  const times = new Float64Array(source.buffer, base + HEADER, n);
  for (let i = 0; i < n; i++) ts[i] = times[i]!;
  return HEADER + 8 * n;
}

/** Writes one gathered column at target[offset + p]; returns the next 8-aligned position. */
export function writeColumn(column: EncoderColumn, n: number, target: Buffer, offset: number, p: number, textEncoder: TextEncoder): number {
  const base = target.byteOffset + offset;
  const view = new DataView(target.buffer, base + p, 16);
  switch (column.kind) {
    case "N":
    case "M": {
      let q = p + 8;
      if (column.kind === "M") {
        target.set(column.bytes.subarray(0, n), offset + q);
        q = align8(q + n);
      }
      const numbers = column.numbers.subarray(0, n);
      const int32 = allInt32(numbers);
      view.setUint32(0, int32 ? 1 : 0, true);
      view.setUint32(4, 0, true);
      if (int32) {
        new Int32Array(target.buffer, base + q, n).set(numbers);
        return align8(q + 4 * n);
      }
      new Float64Array(target.buffer, base + q, n).set(numbers);
      return q + 8 * n;
    }
    case "B":
      target.set(column.bytes.subarray(0, n), offset + p);
      return align8(p + n);
    case "V":
    case "O": {
      const blob = column.blob!;
      view.setUint32(0, blob.length, true);
      view.setUint32(4, 0, true);
      target.set(blob, offset + p + 8);
      column.blob = null;
      column.values.fill(undefined);
      return align8(p + 8 + blob.length);
    }
    case "S": {
      const m = column.entries;
      // why: when every record has its own entry, in order, the codes say nothing (unique text such as `extra`)
      const dictionary = m !== n || !isIdentity(column.codes, n);
      let q = p + 16;
      new Int32Array(target.buffer, base + q, m).set(column.lengths.subarray(0, m));
      q += 4 * m;
      if (dictionary) {
        new Int32Array(target.buffer, base + q, n).set(column.codes.subarray(0, n));
        q += 4 * n;
      }
      const text = column.joined;
      column.joined = "";
      const room = 2 * text.length;
      // why: one encodeInto of the whole column (the rope flattened once) instead of a native call per string;
      // ASCII (every unit written as one byte) comes back as a one-byte string, the cheapest for V8 to make
      const written = textEncoder.encodeInto(text, target.subarray(offset + q, offset + q + room));
      let flags = dictionary ? STRING_DICTIONARY : 0;
      let bytes = written.written;
      if (written.read !== text.length || bytes !== text.length) {
        flags |= STRING_UTF16;
        bytes = target.write(text, offset + q, room, "utf16le");
      }
      view.setUint32(0, flags, true);
      view.setUint32(4, m, true);
      view.setUint32(8, bytes, true);
      view.setUint32(12, 0, true);
      return align8(q + bytes);
    }
  }
}

/**
 * Reads one column at source[offset + at.p] into scatter inputs (pushed onto `inputs`) and moves `at.p` past it.
 * Returns the column's variant: `i`/`f` int32 or float64 numbers (N, M), `p`/`d` plain or dictionary strings (S), `-`
 * otherwise. Inputs per column: N the numbers; M tags and numbers; S the entries, then the codes (dictionary only,
 * or null when `codesAlways`: a fixed number of inputs per column); B the bytes; V, O the deserialised values.
 * `entries` is the column's reused array of decoded strings.
 */
export function readColumn(kind: ColumnKind, source: Buffer, offset: number, n: number, at: { p: number }, entries: string[], codesAlways: boolean, inputs: unknown[]): string {
  const base = source.byteOffset + offset;
  const p = at.p;
  const view = new DataView(source.buffer, base + p, 16);
  switch (kind) {
    case "N":
    case "M": {
      const int32 = view.getUint32(0, true) === 1;
      let q = p + 8;
      if (kind === "M") {
        inputs.push(new Uint8Array(source.buffer, base + q, n));
        q = align8(q + n);
      }
      inputs.push(int32 ? new Int32Array(source.buffer, base + q, n) : new Float64Array(source.buffer, base + q, n));
      at.p = int32 ? align8(q + 4 * n) : q + 8 * n;
      return int32 ? "i" : "f";
    }
    case "B":
      inputs.push(new Uint8Array(source.buffer, base + p, n));
      at.p = align8(p + n);
      return "-";
    case "V":
    case "O": {
      const bytes = view.getUint32(0, true);
      inputs.push(deserialize(source.subarray(offset + p + 8, offset + p + 8 + bytes)));
      at.p = align8(p + 8 + bytes);
      return "-";
    }
    case "S": {
      const flags = view.getUint32(0, true);
      const m = view.getUint32(4, true);
      const bytes = view.getUint32(8, true);
      let q = p + 16;
      const lengths = new Int32Array(source.buffer, base + q, m);
      q += 4 * m;
      const dictionary = (flags & STRING_DICTIONARY) !== 0;
      let codes: Int32Array | null = null;
      if (dictionary) {
        codes = new Int32Array(source.buffer, base + q, n);
        q += 4 * n;
      }
      decodeEntries(source, offset + q, (flags & STRING_UTF16) !== 0, lengths, entries);
      inputs.push(entries);
      if (dictionary || codesAlways) inputs.push(codes);
      at.p = align8(q + bytes);
      return dictionary ? "d" : "p";
    }
  }
}

/**
 * Decodes the entries of a string column into `entries`, a chunk of text at a time: each entry is a slice of its
 * chunk (V8 shares the chunk's characters with slices of 13 or more), so a record kept for long holds on to at most
 * its chunk — a few KB — not the whole column of its batch.
 */
function decodeEntries(source: Buffer, start: number, utf16: boolean, lengths: Int32Array, entries: string[]): void {
  const m = lengths.length;
  const unit = utf16 ? 2 : 1;
  const encoding = utf16 ? "utf16le" : "latin1";
  let e = 0;
  let at = start;
  while (e < m) {
    let units = lengths[e]!;
    let end = e + 1;
    while (end < m && units + lengths[end]! <= STRING_CHUNK) units += lengths[end++]!;
    const text = source.toString(encoding, at, at + unit * units);
    at += unit * units;
    if (end === e + 1) entries[e++] = text;
    else {
      let o = 0;
      for (; e < end; e++) entries[e] = text.slice(o, (o += lengths[e]!));
    }
  }
}

function allInt32(numbers: Float64Array): boolean {
  for (let i = 0; i < numbers.length; i++) {
    const x = numbers[i]!;
    if ((x | 0) !== x || (x === 0 && 1 / x < 0)) return false;
  }
  return true;
}

function isIdentity(codes: Int32Array, n: number): boolean {
  for (let i = 0; i < n; i++) if (codes[i] !== i) return false;
  return true;
}
