// A bounded collection a Graph method or algorithm produces (Flink's DataSet): computed on first use, awaited with
// collect(), or turned into a bounded DataStream for a job to process further.
import type { DataStream, StreamExecutionEnvironment } from "../../runtime/index.js";

export class GraphResult<T> {
  private computed: readonly T[] | null = null;

  /** `compute` runs once, when the records are first asked for; its errors surface there. */
  constructor(private readonly compute: () => readonly T[]) {}

  /** Wraps records that already exist. */
  static of<T>(records: readonly T[]): GraphResult<T> {
    return new GraphResult(() => records);
  }

  /** Every record, in the order the producing method documents (a fresh array each call). */
  async collect(): Promise<T[]> {
    return [...this.records()];
  }

  /** The records as a bounded stream of `env` (a replayable collection source). */
  toStream(env: StreamExecutionEnvironment): DataStream<T> {
    return env.fromCollection([...this.records()]);
  }

  private records(): readonly T[] {
    if (this.computed === null) this.computed = this.compute();
    return this.computed;
  }
}
