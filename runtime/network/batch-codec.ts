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
// Frame layout: column-codec.ts (header, timestamps, columns); a COLUMNS frame has the descriptor (UTF-16, JSON
// [kinds, keys]) after the timestamps, a V8 frame v8.serialize of the values array.
import type { Buffer } from "node:buffer";
import { deserialize, serialize } from "node:v8";
import { EddyError } from "../core/errors.js";
import type { RecordBatch } from "../core/record-batch.js";
import {
  align8, columnBound, finishColumns, FORMAT_COLUMNS, FORMAT_EMPTY, FORMAT_V8, HEADER, isConstant, readColumn, readTimestamps,
  writeColumn, writeHeader,
} from "./column-codec.js";
import {
  type ColumnKind, EncoderColumn, type GatherFunction, type ScatterFunction, compileGather, compileScatter, isPlainRecord,
  kindOf, maskOf, sameKeys, typeBit, usableKeys, T_OBJECT,
} from "../../formats/record-shape.js";

/**
 * Turns record batches into bytes and back. Encoding takes two calls so that a channel can reserve room before
 * writing in place: `prepare` reads the batch and bounds its size, `write` writes it. An instance is used by one
 * thread and keeps scratch state between the two calls: prepare one batch, write it, then the next.
 */
export interface BatchCodec {
  /** "generic", or the schema a generated codec was made for (`Bid`): which codec a channel uses (metrics, tests). */
  readonly name: string;
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

/** Shapes kept per codec; past this the cache starts again (a stream of ever-new shapes must not leak). */
const MAX_SHAPES = 256;
/** After this many batches in a row went to v8, the next few skip the column attempt (mixed streams). */
const MAX_SKIP = 64;

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
  readonly name = "generic";
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

  /** Work that needs the whole column (column-codec.ts). */
  private gathered(shape: ShapeEncoder, n: number): ShapeEncoder {
    finishColumns(shape.columns, n);
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
    if (n === 0) {
      view.setUint32(0, FORMAT_EMPTY, true);
      view.setUint32(4, 0, true);
      return HEADER;
    }
    const shape = this.shape;
    if (shape === null) {
      const blob = this.blob!;
      const p = writeHeader(view, target, offset, FORMAT_V8, blob.length, batch, this.constantTime);
      target.set(blob, offset + p);
      this.blob = null;
      return align8(p + blob.length);
    }
    let p = writeHeader(view, target, offset, FORMAT_COLUMNS, shape.descriptor.length, batch, this.constantTime);
    target.write(shape.descriptor, offset + p, "utf16le");
    p = align8(p + 2 * shape.descriptor.length);
    for (const column of shape.columns) p = writeColumn(column, n, target, offset, p, this.textEncoder);
    return p;
  }

  decode(source: Buffer, offset: number, length: number, into: RecordBatch): void {
    const base = source.byteOffset + offset;
    if ((base & 7) !== 0) throw new EddyError("internal", `BatchCodec.decode at unaligned offset ${offset}`);
    const view = new DataView(source.buffer, base, length);
    const format = view.getUint32(0, true);
    const n = view.getUint32(4, true);
    if (format === FORMAT_EMPTY) {
      into.length = 0;
      return;
    }
    let p = readTimestamps(view, source, base, n, into);
    const size = view.getUint32(12, true);
    if (format === FORMAT_V8) {
      const values = deserialize(source.subarray(offset + p, offset + p + size)) as unknown[];
      const out = into.values;
      for (let i = 0; i < n; i++) out[i] = values[i];
      return;
    }
    if (format !== FORMAT_COLUMNS) throw new EddyError("internal", `BatchCodec.decode: format ${format} is not the generic codec's (a per-schema codec wrote it: both ends of a channel must use the same codec)`);
    const descriptor = source.toString("utf16le", offset + p, offset + p + 2 * size);
    p = align8(p + 2 * size);
    const shape = this.decoderFor(descriptor);
    const inputs: unknown[] = [];
    const at = { p };
    let variants = "";
    for (let c = 0; c < shape.kinds.length; c++) {
      variants += readColumn(shape.kinds[c] as ColumnKind, source, offset, n, at, (this.entryScratch[c] ??= []), false, inputs);
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

function serializeValues(values: readonly unknown[], n: number): Uint8Array {
  try {
    return serialize(values.length === n ? values : values.slice(0, n));
  } catch (e) {
    throw new EddyError("user", `a record cannot be sent to another worker thread: ${e instanceof Error ? e.message : String(e)}`, {}, { cause: e, retriable: false });
  }
}
