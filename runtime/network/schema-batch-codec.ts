// A batch codec for one record schema known ahead of time (Flink's TypeInformation serializers): the compiler
// generates its gather and scatter functions from a `.flow` record type (compiler/emit/batch-codec-code.ts), and
// DataStream.withBatchCodec puts it on the channels that carry that stream's records across workers. Frames hold the
// columns in schema order without a descriptor (column-codec.ts, FORMAT_SCHEMA, the schema's fingerprint in the
// header word), and decoding calls the generated scatter straight away.
//
// Safety: the generated gather checks every record as the generic codec's does (a plain object with exactly the
// schema's keys in its order, each value of a type its column holds). A batch with any record that does not fit —
// a connector or a user function produced something else — goes out in the generic codec's self-describing format
// instead, so a wrong schema costs speed, never data. `schemaBatches` and `fallbackBatches` count which way batches went.
import type { Buffer } from "node:buffer";
import { EddyError } from "../core/errors.js";
import type { RecordBatch } from "../core/record-batch.js";
import { type BatchCodec, createGenericBatchCodec } from "./batch-codec.js";
import { align8, columnBound, finishColumns, FORMAT_SCHEMA, HEADER, isConstant, readColumn, readTimestamps, writeColumn, writeHeader } from "./column-codec.js";
import { type ColumnKind, EncoderColumn, type GatherFunction } from "../../formats/record-shape.js";

/**
 * Fills values[0, n) with records rebuilt from the decoded columns, fields in the schema's order. Inputs per column:
 * N the numbers (Int32Array or Float64Array); M the tags and numbers; S the entries and the codes (or null: entry i
 * is record i's); B the bytes (0 false, 1 true, 2 null, 3 undefined); O the values.
 */
export type SchemaScatterFunction = (values: unknown[], n: number, inputs: readonly unknown[]) => void;

/** What a generated codec is made of. */
export interface BatchCodecSchema {
  /** The record type's name, for metrics and errors (`Bid`). */
  readonly name: string;
  /** The fields in order. */
  readonly keys: readonly string[];
  /** A column kind per field (record-shape.ts): N, M, S, B or O. */
  readonly kinds: string;
  readonly gather: GatherFunction;
  readonly scatter: SchemaScatterFunction;
}

/** A codec instance for `schema` (each channel end gets its own: instances keep scratch state). */
export function schemaBatchCodec(schema: BatchCodecSchema): SchemaBatchCodec {
  return new SchemaBatchCodec(schema);
}

export class SchemaBatchCodec implements BatchCodec {
  readonly name: string;
  /** Batches encoded in the schema's format, and those that did not fit it and went out in the generic one. */
  schemaBatches = 0;
  fallbackBatches = 0;
  private readonly fingerprint: number;
  private readonly columns: EncoderColumn[];
  private readonly fallback = createGenericBatchCodec();
  private readonly textEncoder = new TextEncoder();
  /** Decoded strings of each column, reused. */
  private readonly entries: string[][];
  private readonly inputs: unknown[] = [];
  private readonly cursor = { p: 0 };

  // What prepare found, for write.
  private batch: RecordBatch | null = null;
  private generic = false;
  private constantTime = true;

  constructor(private readonly schema: BatchCodecSchema) {
    if (schema.keys.length !== schema.kinds.length || !/^[NMSBO]*$/.test(schema.kinds)) {
      throw new EddyError("internal", `batch codec ${schema.name}: kinds "${schema.kinds}" do not describe ${schema.keys.length} fields`);
    }
    this.name = schema.name;
    this.fingerprint = fingerprintOf(schema);
    this.columns = [...schema.kinds].map((k) => new EncoderColumn(k as ColumnKind));
    this.entries = this.columns.map(() => []);
  }

  prepare(batch: RecordBatch): number {
    const n = batch.length;
    this.batch = batch;
    const columns = this.columns;
    if (n > 0) {
      for (const column of columns) column.reserve(n);
      if (this.schema.gather(batch.values, n, columns) < 0) {
        this.generic = false;
        finishColumns(columns, n);
        this.constantTime = isConstant(batch.timestamps, n);
        let bound = HEADER + (this.constantTime ? 0 : 8 * n);
        for (const column of columns) bound += columnBound(column, n);
        return bound;
      }
      this.fallbackBatches++;
    }
    this.generic = true;
    return this.fallback.prepare(batch);
  }

  write(target: Buffer, offset: number): number {
    const batch = this.batch;
    if (batch === null) throw new EddyError("internal", `BatchCodec.write without prepare (codec ${this.name})`);
    this.batch = null;
    if (this.generic) return this.fallback.write(target, offset);
    if (((target.byteOffset + offset) & 7) !== 0) throw new EddyError("internal", `BatchCodec.write at unaligned offset ${offset}`);
    this.schemaBatches++;
    const n = batch.length;
    const view = new DataView(target.buffer, target.byteOffset + offset);
    let p = writeHeader(view, target, offset, FORMAT_SCHEMA, this.fingerprint, batch, this.constantTime);
    for (const column of this.columns) p = writeColumn(column, n, target, offset, p, this.textEncoder);
    return align8(p);
  }

  decode(source: Buffer, offset: number, length: number, into: RecordBatch): void {
    const base = source.byteOffset + offset;
    if ((base & 7) !== 0) throw new EddyError("internal", `BatchCodec.decode at unaligned offset ${offset}`);
    const view = new DataView(source.buffer, base, length);
    // why: a batch that did not fit the schema came in the generic codec's format, which says what it holds
    if (view.getUint32(0, true) !== FORMAT_SCHEMA) return this.fallback.decode(source, offset, length, into);
    if (view.getUint32(12, true) !== this.fingerprint) {
      throw new EddyError("internal", `batch codec ${this.name}: a frame of another schema arrived (fingerprint ${view.getUint32(12, true)}, expected ${this.fingerprint}): both ends of a channel must build the same job graph`);
    }
    const n = view.getUint32(4, true);
    const cursor = this.cursor;
    cursor.p = readTimestamps(view, source, base, n, into);
    const inputs = this.inputs;
    inputs.length = 0;
    const kinds = this.schema.kinds;
    for (let c = 0; c < kinds.length; c++) readColumn(kinds[c] as ColumnKind, source, offset, n, cursor, this.entries[c]!, true, inputs);
    this.schema.scatter(into.values, n, inputs);
    inputs.length = 0;
  }
}

/** FNV-1a of the schema's kinds and keys: two ends that disagree on the schema fail loudly instead of misreading. */
function fingerprintOf(schema: BatchCodecSchema): number {
  const text = JSON.stringify([schema.kinds, schema.keys]);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
