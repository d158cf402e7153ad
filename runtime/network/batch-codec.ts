// The batch codec: a RecordBatch (values and timestamps) as bytes and back, column by column, for channels whose ends
// live in different threads (runtime/network/shared-ring-channel.ts). Decoding gives values equal to what a
// v8.serialize/deserialize round trip of each value gives: key order, -0, NaN, undefined vs a missing key included.
//
// Plain-object records of one shape become one column per field (record-shape.ts): numbers as int32 when every one
// is an int32 other than -0, else float64; strings through a per-batch dictionary, their UTF-16 code units stored as
// one byte each when every one is ASCII, else two; booleans, null and undefined as bytes. Anything else goes through
// v8.serialize, by column (bigint, mixed primitives) or by batch (nested objects, arrays, mixed shapes, class
// instances…). Decoded strings are slices of text decoded a few KB at a time (a kept record holds on to at most
// that much of its batch). Figures: `npm run bench -- exchange` (bench/exchange/).
//
// Payload layout, byte offsets from the start (a multiple of 8), numbers in the platform's byte order (both ends
// share the machine):
//   0 u32 format (EMPTY, COLUMNS, V8)   4 u32 records n   8 u32 timestamps (0 one for all, 1 one each)
//  12 u32 COLUMNS: UTF-16 length of the descriptor; V8: bytes of the serialised values
//  16 f64 the timestamp of all (if one for all), then f64 × n timestamps (if one each)
//   … COLUMNS: the descriptor (UTF-16, JSON [kinds, keys]), then each column from an 8-byte boundary:
//       N  u32 int32?, u32 0, then i32 × n or f64 × n
//       M  u32 int32?, u32 0, u8 × n tags, then (8-aligned) i32 × n or f64 × n
//       B  u8 × n
//       S  u32 flags (1 UTF-16, 2 dictionary), u32 entries m, u32 bytes of text, u32 0, i32 × m lengths,
//          i32 × n codes (dictionary only), the text (ASCII or UTF-16)
//       V  u32 bytes, u32 0, v8.serialize of the column
//   … V8: v8.serialize of the values array
import { Buffer } from "node:buffer";
import { deserialize, serialize } from "node:v8";
import { EddyError } from "../core/errors.js";
import type { RecordBatch } from "../core/record-batch.js";
import {
  type ColumnKind, EncoderColumn, type GatherFunction, type ScatterFunction, compileGather, compileScatter, isPlainRecord,
  kindOf, maskOf, sameKeys, typeBit, usableKeys, T_OBJECT,
} from "./record-shape.js";

/**
 * Turns record batches into bytes and back. Encoding takes two calls so that a channel can reserve room before
 * writing in place: `prepare` reads the batch and bounds its size, `write` writes it. An instance is used by one
 * thread and keeps scratch state between the two calls: prepare one batch, write it, then the next.
 */
export interface BatchCodec {
  /** Reads `batch` (which must not change until `write`) and returns an upper bound of its encoded size in bytes. */
  prepare(batch: RecordBatch): number;
  /**
   * Writes the batch prepared last into target[offset, offset + bound) and returns the bytes written.
   * `target.byteOffset + offset` must be a multiple of 8.
   */
  write(target: Buffer, offset: number): number;
  /**
   * Fills `into` with the batch encoded in source[offset, offset + length) (values and timestamps overwritten,
   * length set). The result holds no reference to `source`, which may be reused at once.
   */
  decode(source: Buffer, offset: number, length: number, into: RecordBatch): void;
}

const FORMAT_EMPTY = 0;
const FORMAT_COLUMNS = 1;
const FORMAT_V8 = 2;
const HEADER = 24;
const STRING_UTF16 = 1;
const STRING_DICTIONARY = 2;
/** Shapes kept per codec; past this the cache starts again (a stream of ever-new shapes must not leak). */
const MAX_SHAPES = 256;
/** After this many batches in a row went to v8, the next few skip the column attempt (mixed streams). */
const MAX_SKIP = 64;
/**
 * Code units of text decoded at once: what a decoded string kept for long (in window state, say) holds on to at
 * worst, since V8 slices share their parent's characters. Cost: one native call per chunk (~1 ns a Nexmark bid).
 */
const STRING_CHUNK = 4096;
/** Batches a string column goes without dictionary lookups before it tries them again. */
const DICTIONARY_PROBE = 32;

const align8 = (n: number): number => (n + 7) & ~7;

/** One shape's encoder: its columns and gather function. */
interface ShapeEncoder {
  readonly keys: readonly string[] | null;
  readonly kinds: string;
  readonly descriptor: string;
  readonly columns: EncoderColumn[];
  readonly gather: GatherFunction;
}

/** One shape's decoder; scatter functions per column variants. */
interface ShapeDecoder {
  readonly keys: readonly string[] | null;
  readonly kinds: string;
  readonly scatters: Map<string, ScatterFunction>;
}

export function createGenericBatchCodec(): BatchCodec {
  return new GenericBatchCodec();
}

class GenericBatchCodec implements BatchCodec {
  /** Encoders by key list (JSON), null keys (scalars) under "". */
  private readonly encoders = new Map<string, ShapeEncoder>();
  private readonly decoders = new Map<string, ShapeDecoder>();
  private last: ShapeEncoder | null = null;
  private skip = 0;
  private skipStep = 0;
  private readonly textEncoder = new TextEncoder();
  /** Dictionary entries of S columns while decoding, reused. */
  private readonly entryScratch: string[][] = [];

  // What prepare found, for write.
  private batch: RecordBatch | null = null;
  private shape: ShapeEncoder | null = null;
  private blob: Uint8Array | null = null;
  private constantTime = true;

  prepare(batch: RecordBatch): number {
    const n = batch.length;
    this.batch = batch;
    this.shape = null;
    this.blob = null;
    if (n === 0) return HEADER;
    this.constantTime = isConstant(batch.timestamps, n);
    const fixed = HEADER + (this.constantTime ? 0 : 8 * n);
    const shape = this.columnsFor(batch.values, n);
    if (shape === null) {
      this.blob = serializeValues(batch.values, n);
      return fixed + align8(this.blob.length);
    }
    this.shape = shape;
    let bound = fixed + align8(2 * shape.descriptor.length);
    for (const column of shape.columns) bound += columnBound(column, n);
    return bound;
  }

  /** The encoder whose gather took the batch, or null when it goes through v8. */
  private columnsFor(values: readonly unknown[], n: number): ShapeEncoder | null {
    if (this.skip > 0) {
      this.skip--;
      return null;
    }
    // 1. the shape of the previous batch (a stream of one shape pays nothing more)
    const last = this.last;
    if (last !== null && tryGather(last, values, n)) return this.gathered(last, n);
    // 2. the shape known for the first record's keys (batches of a few shapes taking turns)
    const first = values[0];
    const known = isPlainRecord(first) ? this.encoders.get(JSON.stringify(Object.keys(first))) : this.encoders.get("");
    if (known !== undefined && known !== last && tryGather(known, values, n)) return this.adopt(known, n);
    // 3. the slow path: every record's keys and types, then a new or wider shape. It proved every record fits, so
    // a misfit now is something it cannot see (keys inherited from a polluted prototype): v8 is right for those
    const shape = this.analyse(values, n);
    if (shape !== null && tryGather(shape, values, n)) return this.adopt(shape, n);
    this.skipStep = Math.min(MAX_SKIP, this.skipStep === 0 ? 1 : this.skipStep * 2);
    this.skip = this.skipStep;
    return null;
  }

  private adopt(shape: ShapeEncoder, n: number): ShapeEncoder {
    this.last = shape;
    this.skipStep = 0;
    return this.gathered(shape, n);
  }

  /** Work that needs the whole column: v8 blobs of V columns, whether S columns keep their dictionary. */
  private gathered(shape: ShapeEncoder, n: number): ShapeEncoder {
    for (const column of shape.columns) {
      if (column.kind === "V") {
        column.values.length = n;
        column.blob = serialize(column.values);
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
    return shape;
  }

  /** The slow path: finds the batch's shape and the column kinds its values need (or null: v8). */
  private analyse(values: readonly unknown[], n: number): ShapeEncoder | null {
    const first = values[0];
    let keys: string[] | null;
    let masks: number[];
    if (isPlainRecord(first)) {
      keys = Object.keys(first);
      if (!usableKeys(keys)) return null;
      masks = new Array<number>(keys.length).fill(0);
      for (let i = 0; i < n; i++) {
        const r = values[i];
        if (!isPlainRecord(r) || !sameKeys(Object.keys(r), keys)) return null;
        for (let c = 0; c < keys.length; c++) masks[c]! |= typeBit(r[keys[c]!]);
      }
    } else {
      keys = null;
      let mask = 0;
      for (let i = 0; i < n; i++) mask |= typeBit(values[i]);
      masks = [mask];
    }
    const id = keys === null ? "" : JSON.stringify(keys);
    const known = this.encoders.get(id);
    let kinds = "";
    for (let c = 0; c < masks.length; c++) {
      if ((masks[c]! & T_OBJECT) !== 0) return null;
      const wider = known === undefined ? masks[c]! : masks[c]! | maskOf(known.kinds[c] as ColumnKind);
      kinds += kindOf(wider)!;
    }
    if (known !== undefined && known.kinds === kinds) return known;
    if (this.encoders.size >= MAX_SHAPES) this.encoders.clear();
    const encoder: ShapeEncoder = {
      keys,
      kinds,
      descriptor: JSON.stringify([kinds, keys]),
      columns: [...kinds].map((k) => new EncoderColumn(k as ColumnKind)),
      gather: compileGather(keys, kinds),
    };
    this.encoders.set(id, encoder);
    return encoder;
  }

  write(target: Buffer, offset: number): number {
    const batch = this.batch;
    if (batch === null) throw new EddyError("internal", "BatchCodec.write without prepare");
    if (((target.byteOffset + offset) & 7) !== 0) throw new EddyError("internal", `BatchCodec.write at unaligned offset ${offset}`);
    this.batch = null;
    const n = batch.length;
    const view = new DataView(target.buffer, target.byteOffset + offset);
    view.setUint32(4, n, true);
    if (n === 0) {
      view.setUint32(0, FORMAT_EMPTY, true);
      return HEADER;
    }
    let p = HEADER;
    view.setUint32(8, this.constantTime ? 0 : 1, true);
    if (this.constantTime) view.setFloat64(16, batch.timestamps[0]!, true);
    else {
      const times = new Float64Array(target.buffer, target.byteOffset + offset + p, n);
      const ts = batch.timestamps;
      for (let i = 0; i < n; i++) times[i] = ts[i]!;
      p += 8 * n;
    }
    const shape = this.shape;
    if (shape === null) {
      const blob = this.blob!;
      view.setUint32(0, FORMAT_V8, true);
      view.setUint32(12, blob.length, true);
      target.set(blob, offset + p);
      this.blob = null;
      return align8(p + blob.length);
    }
    view.setUint32(0, FORMAT_COLUMNS, true);
    view.setUint32(12, shape.descriptor.length, true);
    target.write(shape.descriptor, offset + p, "utf16le");
    p = align8(p + 2 * shape.descriptor.length);
    for (const column of shape.columns) p = this.writeColumn(column, n, target, offset, p);
    return p;
  }

  /** Writes one column at target[offset + p]; returns the next 8-aligned position. */
  private writeColumn(column: EncoderColumn, n: number, target: Buffer, offset: number, p: number): number {
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
      case "V": {
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
        const written = this.textEncoder.encodeInto(text, target.subarray(offset + q, offset + q + room));
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

  decode(source: Buffer, offset: number, length: number, into: RecordBatch): void {
    const base = source.byteOffset + offset;
    if ((base & 7) !== 0) throw new EddyError("internal", `BatchCodec.decode at unaligned offset ${offset}`);
    const view = new DataView(source.buffer, base, length);
    const format = view.getUint32(0, true);
    const n = view.getUint32(4, true);
    into.length = n;
    if (format === FORMAT_EMPTY) return;
    let p = HEADER;
    const ts = into.timestamps;
    if (view.getUint32(8, true) === 0) {
      const t = view.getFloat64(16, true);
      for (let i = 0; i < n; i++) ts[i] = t;
    } else {
      const times = new Float64Array(source.buffer, base + p, n);
      for (let i = 0; i < n; i++) ts[i] = times[i]!;
      p += 8 * n;
    }
    const size = view.getUint32(12, true);
    if (format === FORMAT_V8) {
      const values = deserialize(source.subarray(offset + p, offset + p + size)) as unknown[];
      const out = into.values;
      for (let i = 0; i < n; i++) out[i] = values[i];
      return;
    }
    if (format !== FORMAT_COLUMNS) throw new EddyError("internal", `BatchCodec.decode: unknown format ${format}`);
    const descriptor = source.toString("utf16le", offset + p, offset + p + 2 * size);
    p = align8(p + 2 * size);
    const shape = this.decoderFor(descriptor);
    const inputs: unknown[] = [];
    let variants = "";
    for (let c = 0; c < shape.kinds.length; c++) {
      const kind = shape.kinds[c] as ColumnKind;
      const at = new DataView(source.buffer, base + p, 16);
      switch (kind) {
        case "N":
        case "M": {
          const int32 = at.getUint32(0, true) === 1;
          let q = p + 8;
          if (kind === "M") {
            inputs.push(new Uint8Array(source.buffer, base + q, n));
            q = align8(q + n);
          }
          inputs.push(int32 ? new Int32Array(source.buffer, base + q, n) : new Float64Array(source.buffer, base + q, n));
          variants += int32 ? "i" : "f";
          p = int32 ? align8(q + 4 * n) : q + 8 * n;
          break;
        }
        case "B":
          inputs.push(new Uint8Array(source.buffer, base + p, n));
          variants += "-";
          p = align8(p + n);
          break;
        case "V": {
          const bytes = at.getUint32(0, true);
          inputs.push(deserialize(source.subarray(offset + p + 8, offset + p + 8 + bytes)));
          variants += "-";
          p = align8(p + 8 + bytes);
          break;
        }
        case "S": {
          const flags = at.getUint32(0, true);
          const m = at.getUint32(4, true);
          const bytes = at.getUint32(8, true);
          let q = p + 16;
          const lengths = new Int32Array(source.buffer, base + q, m);
          q += 4 * m;
          const dictionary = (flags & STRING_DICTIONARY) !== 0;
          let codes: Int32Array | null = null;
          if (dictionary) {
            codes = new Int32Array(source.buffer, base + q, n);
            q += 4 * n;
          }
          const entries = (this.entryScratch[c] ??= []);
          decodeEntries(source, offset + q, (flags & STRING_UTF16) !== 0, lengths, entries);
          if (dictionary) {
            inputs.push(entries, codes);
            variants += "d";
          } else {
            inputs.push(entries);
            variants += "p";
          }
          p = align8(q + bytes);
          break;
        }
      }
    }
    let scatter = shape.scatters.get(variants);
    if (scatter === undefined) {
      scatter = compileScatter(shape.keys, shape.kinds, variants);
      shape.scatters.set(variants, scatter);
    }
    scatter(into.values, n, inputs);
  }

  private decoderFor(descriptor: string): ShapeDecoder {
    let shape = this.decoders.get(descriptor);
    if (shape === undefined) {
      const [kinds, keys] = JSON.parse(descriptor) as [string, string[] | null];
      if (this.decoders.size >= MAX_SHAPES) this.decoders.clear();
      shape = { kinds, keys, scatters: new Map() };
      this.decoders.set(descriptor, shape);
    }
    return shape;
  }
}

function tryGather(shape: ShapeEncoder, values: readonly unknown[], n: number): boolean {
  for (const column of shape.columns) column.reserve(n);
  return shape.gather(values, n, shape.columns) < 0;
}

/** The codec of this thread (each worker has its own module instance, so its own caches). */
export const genericBatchCodec: BatchCodec = createGenericBatchCodec();

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

/** An upper bound of one column's section. */
function columnBound(column: EncoderColumn, n: number): number {
  switch (column.kind) {
    case "N": return 8 + 8 * n;
    case "M": return 8 + align8(n) + 8 * n;
    case "B": return align8(n);
    case "V": return 8 + align8(column.blob!.length);
    case "S": return align8(16 + 4 * column.entries + 4 * n + 2 * column.joined.length);
  }
}

/** Whether every timestamp equals the first (-0 and 0 told apart, as the round trip must). */
function isConstant(ts: readonly number[], n: number): boolean {
  const t0 = ts[0]!;
  for (let i = 1; i < n; i++) if (ts[i] !== t0) return false;
  if (t0 === 0) for (let i = 0; i < n; i++) if (1 / ts[i]! !== 1 / t0) return false;
  return t0 === t0; // NaN: stored per record
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

function serializeValues(values: readonly unknown[], n: number): Uint8Array {
  try {
    return serialize(values.length === n ? values : values.slice(0, n));
  } catch (e) {
    throw new EddyError("user", `a record cannot be sent to another worker thread: ${e instanceof Error ? e.message : String(e)}`, {}, { cause: e, retriable: false });
  }
}
