// The `datagen(rows, rate, seed, fields)` source: Flink's DataGen connector with deterministic values. Each field is
// `sequence` (start, start + 1, … end) or `random` (numbers in [min, max], strings of `length` hex digits, booleans);
// a random value is a hash of (seed, field, row), so a replay — and any parallelism — produces the same rows.
// Row g of a bounded source is made by the subtask whose contiguous share of [0, rows) holds it, as Flink splits a
// sequence's range among its subtasks; an unbounded source (no `rows`, no sequence) gives subtask s rows s, s + p, ….
import type { InputStatus, ReaderOutput, Source, SourceReader, SourceReaderContext } from "../index.js";
import { ThrottledReader } from "./generator-source.js";
import type { SchemaType } from "./validate.js";

export interface DatagenField {
  readonly kind?: "random" | "sequence";
  /** random numbers: bounds, inclusive. */
  readonly min?: number;
  readonly max?: number;
  /** random strings: length (Flink's default 100). */
  readonly length?: number;
  /** sequences: first and last value, inclusive. */
  readonly start?: number;
  readonly end?: number;
}

export interface DatagenOptions {
  /** Rows in all (Flink's number-of-rows); unbounded when absent and no field is a sequence. */
  readonly rows?: number;
  /** Rows per wall-clock second, over all subtasks (Flink's rows-per-second; default 10000). */
  readonly rate?: number;
  /** The random fields' seed (an Eddy option: Flink's values are not reproducible). */
  readonly seed?: number;
  readonly fields?: Readonly<Record<string, DatagenField>>;
}

const DEFAULT_RATE = 10_000;
const DEFAULT_STRING_LENGTH = 100;
const INT_MIN = -2_147_483_648;
const INT_MAX = 2_147_483_647;
const HEX = "0123456789abcdef";

/** The value of one field: computed from the row's global index g. */
type FieldGenerator = (g: number) => unknown;

/** splitmix32-style mix of (seed, field, row, draw): uniform 32-bit values, no state to snapshot. */
function mix(seed: number, field: number, g: number, draw: number): number {
  let z = (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(field + 1, 0x165667b1) + Math.imul(g | 0, 0x27d4eb2f) + Math.imul(Math.floor(g / 0x100000000) + draw, 0x2545f491)) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** A uniform double in [0, 1) with 53 random bits. */
function unit(seed: number, field: number, g: number): number {
  return ((mix(seed, field, g, 0) >>> 5) * 67_108_864 + (mix(seed, field, g, 1) >>> 6)) / 9_007_199_254_740_992;
}

function fieldGenerator(name: string, type: SchemaType, spec: DatagenField, seed: number, index: number): FieldGenerator {
  const base = type.kind === "nullable" ? type.inner : type;
  if (spec.kind === "sequence") {
    const start = spec.start ?? 0;
    return base.kind === "string" ? (g) => String(start + g) : (g) => start + g;
  }
  switch (base.kind) {
    case "int": case "timestamp": case "duration": {
      const min = spec.min ?? (base.kind === "int" ? INT_MIN : 0);
      const max = spec.max ?? (base.kind === "int" ? INT_MAX : 0);
      return (g) => min + Math.floor(unit(seed, index, g) * (max - min + 1));
    }
    case "float": {
      const min = spec.min ?? 0;
      const max = spec.max ?? 1;
      return (g) => min + unit(seed, index, g) * (max - min);
    }
    case "bool": return (g) => (mix(seed, index, g, 0) & 1) === 1;
    case "string": {
      const length = spec.length ?? DEFAULT_STRING_LENGTH;
      return (g) => {
        let s = "";
        for (let k = 0; k < length; k++) s += HEX[mix(seed, index, g, k) & 15];
        return s;
      };
    }
    default: throw new RangeError(`datagen cannot generate the field \`${name}\` of type ${base.kind}`);
  }
}

/** The number of rows of a bounded source: `rows`, capped by the shortest sequence (whose end stops Flink's source). */
export function datagenRowCount(type: SchemaType, options: DatagenOptions): number {
  let rows = options.rows ?? Number.POSITIVE_INFINITY;
  if (type.kind !== "record") return rows;
  for (const f of type.fields) {
    const spec = options.fields?.[f.name];
    if (spec?.kind === "sequence") rows = Math.min(rows, Math.max(0, (spec.end ?? Number.POSITIVE_INFINITY) - (spec.start ?? 0) + 1));
  }
  return rows;
}

/** Row g of the source (the same for every run, parallelism and subtask). */
export function datagenRecord(generators: readonly (readonly [string, FieldGenerator])[], g: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, generate] of generators) out[name] = generate(g);
  return out;
}

export function datagenGenerators(type: SchemaType, options: DatagenOptions): (readonly [string, FieldGenerator])[] {
  if (type.kind !== "record") throw new RangeError("datagen generates records");
  const seed = options.seed ?? 0;
  return type.fields.map((f, i) => [f.name, fieldGenerator(f.name, f.type, options.fields?.[f.name] ?? {}, seed, i)] as const);
}

export function datagenSource<T>(type: SchemaType, options: DatagenOptions): Source<T> {
  const generators = datagenGenerators(type, options);
  const count = datagenRowCount(type, options);
  const rate = options.rate ?? DEFAULT_RATE;
  return {
    boundedness: Number.isFinite(count) ? "BOUNDED" : "CONTINUOUS_UNBOUNDED",
    replayable: true,
    createReader: (context: SourceReaderContext) =>
      new ThrottledReader(new DatagenReader<T>(generators, count, context.subtaskIndex, context.parallelism), rate / context.parallelism),
  };
}

/** Subtask s's rows: its contiguous share of [0, count) (bounded), or s, s + p, … (unbounded). State: rows made. */
class DatagenReader<T> implements SourceReader<T> {
  private made = 0;
  private readonly first: number;
  private readonly share: number;
  private readonly stride: number;

  constructor(
    private readonly generators: readonly (readonly [string, FieldGenerator])[],
    count: number,
    subtask: number,
    parallelism: number,
  ) {
    if (Number.isFinite(count)) {
      // as Flink's SequenceGenerator splits [start, end]: the first count % p subtasks take one row more
      const base = Math.floor(count / parallelism);
      const extra = count % parallelism;
      this.first = subtask * base + Math.min(subtask, extra);
      this.share = base + (subtask < extra ? 1 : 0);
      this.stride = 1;
    } else {
      this.first = subtask;
      this.share = Number.POSITIVE_INFINITY;
      this.stride = parallelism;
    }
  }

  pollNext(output: ReaderOutput<T>, max: number): InputStatus {
    let k = this.made;
    for (let n = 0; n < max && k < this.share; n++, k++) output.collect(datagenRecord(this.generators, this.first + k * this.stride) as T);
    this.made = k;
    return k < this.share ? "MORE_AVAILABLE" : "END_OF_INPUT";
  }

  isAvailable(): Promise<void> {
    return Promise.resolve();
  }

  snapshotState(): number {
    return this.made;
  }

  restoreState(state: unknown): void {
    this.made = state as number;
  }
}
