// Source fusion for stateless jobs over a caller's array: the generated chain runs inside the source's read loop, so a
// record is read, transformed (or dropped by a filter, or expanded by a flatMap) and handed to the source's batch in
// one step (no batch pass for the chain operator).
import type { InputStatus, ReaderOutput, Source, SourceReader } from "../index.js";

/** A generated read loop: the chain applied to `elements[from..to)`, each result collected with its event time. */
export type FusedReadFunction<IN, OUT> = (elements: readonly IN[], from: number, to: number, out: ReaderOutput<OUT>) => void;

/**
 * An array read through a generated chain. Like CollectionSource it is bounded, one subtask, replayable and movable,
 * and its reader's state is the position in the array (elements read, whatever the chain emitted for them), so the
 * position means the same with and without fusion. A poll reads at most `max` elements; a flatMap may emit more.
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
  /**
   * Elements read by this reader (since it was created, not since the array's start: a restored reader counts from
   * its restored position, as the unfused source counts what it emits). The job's records in: a fused filter emits
   * fewer records than it reads.
   */
  private elementsRead = 0;
  constructor(private readonly elements: readonly IN[], private readonly read: FusedReadFunction<IN, OUT>) {}

  pollNext(output: ReaderOutput<OUT>, max: number): InputStatus {
    const end = Math.min(this.elements.length, this.position + max);
    this.read(this.elements, this.position, end, output);
    this.elementsRead += end - this.position;
    this.position = end;
    return end < this.elements.length ? "MORE_AVAILABLE" : "END_OF_INPUT";
  }
  recordsRead(): number {
    return this.elementsRead;
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
