// The batch codec of ml's streams (DataStream.withBatchCodec): records that hold DenseVector / SparseVector values —
// rows with vector columns, vectors themselves, model data with vectors in arrays — cross workers as packed doubles and
// arrive as DenseVector / SparseVector again. The generic codec v8-serializes objects, so a vector would arrive as a
// plain { kind, values } object without its methods, and a stage calling `.toDense()` or `instanceof` would fail or
// answer differently on 2 workers than on 1.
//
// How: `prepare` finds every vector (at the top of a record, in a field, or inside plain objects and arrays up to
// MAX_DEPTH deep), notes where it was (record index and a path id into the batch's path table), and hands the generic
// codec the records with each vector replaced by 0 (a record is copied only along a path to a vector; a vector record
// becomes the number 0, which the generic codec packs as int32). The vectors' values are copied as whole columns of
// doubles. `decode` lets the generic codec rebuild the records, then puts a new vector at each noted place.
//
// A vector that is an element of an array (a mini-batch's features, a model's centroids) is noted by the path of its
// array and its index, so a thousand of them share one path.
//
// Frame (every part 8-byte aligned): header of 8 u32 [magic, vectors, doubles, indices, paths bytes, inner bytes, 0, 0];
// the doubles (each vector's values, in vector order); per vector 5 i32 [record, path, array index or −1, size,
// nnz or −1 for dense]; the sparse indices (i32); the path table (UTF-8 JSON of [keys, of an array element]); the
// generic codec's frame.
import { Buffer } from "node:buffer";
import { createGenericBatchCodec, RecordBatch, type BatchCodec } from "../../runtime/index.js";
import { DenseVector } from "./dense-vector.js";
import { SparseVector } from "./sparse-vector.js";
import { isVector, type Vector } from "./vector.js";

const MAGIC = 0x56454331; // "VEC1"
const HEADER = 32;
/** i32 per vector in the vector table. */
const ENTRY = 5;
/** How deep inside a record vectors are looked for (a row's column is depth 1; KMeansModelData.centroids[i] is 2). */
const MAX_DEPTH = 3;

const align8 = (n: number): number => (n + 7) & ~7;

function isContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  if (typeof value !== "object" || value === null) return false;
  if (Array.isArray(value)) return true;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

class VectorBatchCodec implements BatchCodec {
  readonly name = "ml-vectors";
  private readonly inner = createGenericBatchCodec();
  /** The batch handed to the inner codec: the records with vectors replaced (reused). */
  private readonly stripped = new RecordBatch<unknown>();
  // What prepare found, for write (reused between batches).
  private vectors: Vector[] = [];
  private records: number[] = [];
  private pathIds: number[] = [];
  private elementIndices: number[] = [];
  private readonly pathTable = new Map<string, number>();
  private paths: [(string | number)[], boolean][] = [];
  /** Path ids of top-level fields and of elements of top-level array fields, without a JSON key per vector. */
  private readonly fieldPaths = new Map<string, number>();
  private readonly fieldElementPaths = new Map<string, number>();
  private readonly stack: (string | number)[] = [];
  private doubles = 0;
  private indices = 0;
  private pathsJson: Buffer = Buffer.alloc(0);
  private innerBound = 0;

  prepare(batch: RecordBatch): number {
    // 1. find the vectors and strip them
    this.vectors.length = 0;
    this.records.length = 0;
    this.pathIds.length = 0;
    this.elementIndices.length = 0;
    this.pathTable.clear();
    this.fieldPaths.clear();
    this.fieldElementPaths.clear();
    this.paths = [];
    this.doubles = 0;
    this.indices = 0;
    const out = this.stripped;
    out.length = 0;
    for (let i = 0; i < batch.length; i++) out.push(this.strip(batch.values[i], i, 0), batch.timestamps[i]!);
    // 2. the bound: header, doubles, the vector table, indices, paths, the inner frame
    this.pathsJson = Buffer.from(this.vectors.length === 0 ? "[]" : JSON.stringify(this.paths), "utf8");
    this.innerBound = this.inner.prepare(out);
    return HEADER + 8 * this.doubles + align8(4 * ENTRY * this.vectors.length) + align8(4 * this.indices) + align8(this.pathsJson.length) + this.innerBound;
  }

  /** `value` with its vectors replaced by 0 (the same object when it holds none), noting each vector found. */
  private strip(value: unknown, record: number, depth: number): unknown {
    if (isVector(value)) {
      this.note(value, record, depth);
      return 0;
    }
    if (depth >= MAX_DEPTH || !isContainer(value)) return value;
    if (Array.isArray(value)) {
      let copy: unknown[] | null = null;
      for (let j = 0; j < value.length; j++) {
        this.stack[depth] = j;
        const v: unknown = value[j];
        const s = this.strip(v, record, depth + 1);
        if (s !== v) (copy ??= value.slice())[j] = s;
      }
      return copy ?? value;
    }
    let copy: Record<string, unknown> | null = null;
    for (const key in value) {
      if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
      this.stack[depth] = key;
      const v = value[key];
      const s = this.strip(v, record, depth + 1);
      if (s !== v) (copy ??= { ...value })[key] = s;
    }
    return copy ?? value;
  }

  private note(v: Vector, record: number, depth: number): void {
    this.vectors.push(v);
    this.records.push(record);
    const element = depth > 0 && typeof this.stack[depth - 1] === "number";
    this.elementIndices.push(element ? (this.stack[depth - 1] as number) : -1);
    this.pathIds.push(this.pathId(element ? depth - 1 : depth, element));
    if (v.kind === "dense") this.doubles += v.values.length;
    else {
      this.doubles += v.values.length;
      this.indices += v.indices.length;
    }
  }

  /** The id of the path stack[0, depth) in this batch's table; `element`: of an element of the array there. */
  private pathId(depth: number, element: boolean): number {
    if (depth === 1 && typeof this.stack[0] === "string") {
      const key = this.stack[0];
      const cache = element ? this.fieldElementPaths : this.fieldPaths;
      let id = cache.get(key);
      if (id === undefined) {
        id = this.addPath(depth, element);
        cache.set(key, id);
      }
      return id;
    }
    return this.addPath(depth, element);
  }

  private addPath(depth: number, element: boolean): number {
    const path = this.stack.slice(0, depth);
    const key = JSON.stringify([path, element]);
    let id = this.pathTable.get(key);
    if (id === undefined) {
      id = this.paths.length;
      this.paths.push([path, element]);
      this.pathTable.set(key, id);
    }
    return id;
  }

  write(target: Buffer, offset: number): number {
    const vectors = this.vectors;
    const count = vectors.length;
    let at = offset + HEADER;
    // the doubles
    const doubles = new Float64Array(target.buffer, target.byteOffset + at, this.doubles);
    let d = 0;
    for (let v = 0; v < count; v++) {
      doubles.set(vectors[v]!.values, d);
      d += vectors[v]!.values.length;
    }
    at += 8 * this.doubles;
    // the vector table and the sparse indices
    const table = new Int32Array(target.buffer, target.byteOffset + at, ENTRY * count);
    at += align8(4 * ENTRY * count);
    const indices = new Int32Array(target.buffer, target.byteOffset + at, this.indices);
    let x = 0;
    for (let v = 0; v < count; v++) {
      const vector = vectors[v]!;
      const e = ENTRY * v;
      table[e] = this.records[v]!;
      table[e + 1] = this.pathIds[v]!;
      table[e + 2] = this.elementIndices[v]!;
      if (vector.kind === "dense") {
        table[e + 3] = vector.values.length;
        table[e + 4] = -1;
      } else {
        table[e + 3] = vector.n;
        table[e + 4] = vector.indices.length;
        indices.set(vector.indices, x);
        x += vector.indices.length;
      }
    }
    at += align8(4 * this.indices);
    this.pathsJson.copy(target, at);
    at += align8(this.pathsJson.length);
    const innerBytes = this.inner.write(target, at);
    const header = new Uint32Array(target.buffer, target.byteOffset + offset, 8);
    header[0] = MAGIC;
    header[1] = count;
    header[2] = this.doubles;
    header[3] = this.indices;
    header[4] = this.pathsJson.length;
    header[5] = innerBytes;
    header[6] = 0;
    header[7] = 0;
    // why: the batch's vectors must not be held after the write (the producer reuses and frees records)
    this.vectors.length = 0;
    return at + innerBytes - offset;
  }

  decode(source: Buffer, offset: number, length: number, into: RecordBatch): void {
    // why copy when misaligned: typed-array views need 8-byte alignment; channels hand aligned frames, a test may not
    if ((source.byteOffset + offset) % 8 !== 0) {
      const aligned = Buffer.alloc(length);
      source.copy(aligned, 0, offset, offset + length);
      this.decode(aligned, 0, length, into);
      return;
    }
    const header = new Uint32Array(source.buffer, source.byteOffset + offset, 8);
    if (header[0] !== MAGIC) throw new Error(`ml vector codec: a frame without its magic number (got 0x${header[0]!.toString(16)}) — both ends of a channel must use the same codec (internal)`);
    const count = header[1]!;
    const doubleCount = header[2]!;
    const indexCount = header[3]!;
    const pathBytes = header[4]!;
    const innerBytes = header[5]!;
    let at = offset + HEADER;
    const doubles = new Float64Array(source.buffer, source.byteOffset + at, doubleCount);
    at += 8 * doubleCount;
    const table = new Int32Array(source.buffer, source.byteOffset + at, ENTRY * count);
    at += align8(4 * ENTRY * count);
    const indices = new Int32Array(source.buffer, source.byteOffset + at, indexCount);
    at += align8(4 * indexCount);
    const paths = count === 0 ? [] : (JSON.parse(source.toString("utf8", at, at + pathBytes)) as [(string | number)[], boolean][]);
    at += align8(pathBytes);
    this.inner.decode(source, at, innerBytes, into);
    // put the vectors back (copies: the result holds no reference to source)
    let d = 0;
    let x = 0;
    const values = into.values;
    for (let v = 0; v < count; v++) {
      const e = ENTRY * v;
      const record = table[e]!;
      const [path, element] = paths[table[e + 1]!]!;
      const index = table[e + 2]!;
      const size = table[e + 3]!;
      const nnz = table[e + 4]!;
      let vector: Vector;
      if (nnz < 0) {
        vector = new DenseVector(doubles.slice(d, d + size));
        d += size;
      } else {
        vector = new SparseVector(size, indices.slice(x, x + nnz), doubles.slice(d, d + nnz));
        d += nnz;
        x += nnz;
      }
      if (path.length === 0 && !element) {
        values[record] = vector;
        continue;
      }
      let holder = values[record] as Record<string | number, unknown>;
      const last = element ? path.length : path.length - 1;
      for (let p = 0; p < last; p++) holder = holder[path[p]!] as Record<string | number, unknown>;
      holder[element ? index : path[last]!] = vector;
    }
  }
}

/**
 * A codec factory for `DataStream.withBatchCodec`: records keep their DenseVector / SparseVector values (as new
 * objects of those classes) where they cross workers. Records without vectors pay one scan of their fields.
 */
export function vectorBatchCodec(): BatchCodec {
  return new VectorBatchCodec();
}
