// A parallel, replayable source of generated records (Flink's DataGeneratorSource): record i is
// `generate(i)`, and subtask s of p produces indices s, s+p, s+2p, …
import type { InputStatus, ReaderOutput, Source, SourceReader, SourceReaderContext } from "./source.js";

export class GeneratorSource<T> implements Source<T> {
  readonly replayable = true;
  readonly movable = true;
  readonly boundedness: "BOUNDED" | "CONTINUOUS_UNBOUNDED";

  /** `count` records, or an unbounded stream when `count` is Infinity. */
  constructor(
    private readonly generate: (index: number) => T,
    private readonly count: number,
  ) {
    this.boundedness = Number.isFinite(count) ? "BOUNDED" : "CONTINUOUS_UNBOUNDED";
  }

  createReader(context: SourceReaderContext): SourceReader<T> {
    return new GeneratorReader(this.generate, this.count, context.subtaskIndex, context.parallelism);
  }
}

class GeneratorReader<T> implements SourceReader<T> {
  private next: number;
  constructor(
    private readonly generate: (index: number) => T,
    private readonly count: number,
    start: number,
    private readonly stride: number,
  ) {
    this.next = start;
  }
  pollNext(output: ReaderOutput<T>, max: number): InputStatus {
    const generate = this.generate;
    let i = this.next;
    for (let k = 0; k < max && i < this.count; k++, i += this.stride) output.collect(generate(i));
    this.next = i;
    return i < this.count ? "MORE_AVAILABLE" : "END_OF_INPUT";
  }
  isAvailable(): Promise<void> {
    return Promise.resolve();
  }
  snapshotState(): number {
    return this.next;
  }
  restoreState(state: unknown): void {
    this.next = state as number;
  }
}
