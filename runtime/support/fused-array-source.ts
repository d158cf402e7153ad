// Source fusion for stateless jobs over a caller's array: the generated chain runs inside the source's read loop, so a
// record is read, transformed and handed to the source's batch in one step (no batch pass for the chain operator).
import type { InputStatus, ReaderOutput, Source, SourceReader } from "../index.js";

/** A generated read loop: the chain applied to `elements[from..to)`, each result collected with its event time. */
export type FusedReadFunction<IN, OUT> = (elements: readonly IN[], from: number, to: number, out: ReaderOutput<OUT>) => void;

/**
 * An array read through a generated 1:1 chain. Like CollectionSource it is bounded, one subtask, replayable and
 * movable, and its reader's state is the position in the array — one output per element, so the position means the
 * same with and without fusion.
 */
export class FusedArraySource<IN, OUT> implements Source<OUT> {
  readonly boundedness = "BOUNDED" as const;
  readonly maxParallelism = 1;
  readonly replayable = true;
  readonly movable = true;

  constructor(private readonly elements: readonly IN[], private readonly read: FusedReadFunction<IN, OUT>) {}

  createReader(): SourceReader<OUT> {
    return new FusedArrayReader(this.elements, this.read);
  }
}

class FusedArrayReader<IN, OUT> implements SourceReader<OUT> {
  private position = 0;
  constructor(private readonly elements: readonly IN[], private readonly read: FusedReadFunction<IN, OUT>) {}

  pollNext(output: ReaderOutput<OUT>, max: number): InputStatus {
    const end = Math.min(this.elements.length, this.position + max);
    this.read(this.elements, this.position, end, output);
    this.position = end;
    return end < this.elements.length ? "MORE_AVAILABLE" : "END_OF_INPUT";
  }
  isAvailable(): Promise<void> {
    return Promise.resolve();
  }
  snapshotState(): number {
    return this.position;
  }
  restoreState(state: unknown): void {
    this.position = state as number;
  }
}
