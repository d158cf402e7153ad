// The `generator(count, rate, seed, keys, throttle)` source: deterministic records of any schema. Record i depends
// only on (seed, i), so the source is parallel and replayable; event time advances by 1000/rate ms per record.
import { GeneratorSource, type InputStatus, type ReaderOutput, type Source, type SourceReader, type SourceReaderContext } from "../index.js";
import type { SchemaType } from "./validate.js";

export interface GeneratorOptions {
  /** Records to produce; Infinity for an unbounded stream (default 1000). */
  readonly count?: number;
  /** Records per second of event time (default 1000). */
  readonly rate?: number;
  readonly seed?: number;
  /** Distinct values of each string field (default 100). */
  readonly keys?: number;
  /** Upper bound of generated numbers (default 1000). */
  readonly max?: number;
  /** Event time of record 0 (default 2024-01-01T00:00:00Z). */
  readonly start?: number;
  /** Wall-clock records per second (demos); unthrottled when absent. */
  readonly throttle?: number;
}

const DEFAULT_START = Date.UTC(2024, 0, 1);

/** splitmix32: a well-mixed 32-bit value of (seed, i, salt). */
function mix(seed: number, i: number, salt: number): number {
  let z = (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(i, 0x27d4eb2f) + Math.imul(salt + 1, 0x165667b1)) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

export function generateRecord(type: SchemaType, options: GeneratorOptions, i: number): unknown {
  const seed = options.seed ?? 0;
  const keys = options.keys ?? 100;
  const max = options.max ?? 1000;
  const rate = options.rate ?? 1000;
  const start = options.start ?? DEFAULT_START;
  let salt = 0;
  const value = (t: SchemaType, name: string): unknown => {
    const r = mix(seed, i, salt++);
    switch (t.kind) {
      case "int": return r % max;
      case "float": return Math.round(((r / 0x100000000) ** 2) * max * 100) / 100;
      case "string": return `${name}-${r % keys}`;
      case "bool": return (r & 1) === 1;
      case "timestamp": return start + Math.floor((i * 1000) / rate);
      case "duration": return r % 60_000;
      case "nullable": return value(t.inner, name);
      case "array": return Array.from({ length: r % 3 }, () => value(t.element, name));
      case "record": return Object.fromEntries(t.fields.map((f) => [f.name, value(f.type, f.name)]));
      default: return null;
    }
  };
  return value(type, "value");
}

export function generatorSource<T>(type: SchemaType, options: GeneratorOptions): Source<T> {
  const count = options.count ?? 1000;
  const inner = new GeneratorSource<T>((i) => generateRecord(type, options, i) as T, count);
  const throttle = options.throttle;
  if (throttle === undefined) return inner;
  return {
    boundedness: inner.boundedness,
    replayable: true,
    createReader: (context: SourceReaderContext) => new ThrottledReader(inner.createReader(context), throttle / context.parallelism),
  };
}

/** Lets through at most `perSecond` records per wall-clock second (for watching a demo run). */
export class ThrottledReader<T> implements SourceReader<T> {
  private started = -1;
  private emitted = 0;
  constructor(private readonly inner: SourceReader<T>, private readonly perSecond: number) {}
  pollNext(output: ReaderOutput<T>, max: number): InputStatus {
    const now = performance.now();
    if (this.started < 0) this.started = now;
    const allowed = Math.floor(((now - this.started) / 1000) * this.perSecond) + 1 - this.emitted;
    if (allowed <= 0) return "NOTHING_AVAILABLE";
    let n = 0;
    const counting: ReaderOutput<T> = { collect: (r, ts) => { n++; output.collect(r, ts); } };
    const status = this.inner.pollNext(counting, Math.min(max, allowed));
    this.emitted += n;
    return status === "END_OF_INPUT" ? status : status;
  }
  isAvailable(): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, 10));
  }
  snapshotState(): unknown {
    return this.inner.snapshotState?.();
  }
  restoreState(state: unknown): void {
    this.inner.restoreState?.(state);
  }
}
