// A source the test drives: records are released with push(), the end with end(). Until then the
// reader reports NOTHING_AVAILABLE, so the job waits like it would on a quiet network source.
import type { InputStatus, ReaderOutput, Source, SourceReader } from "../../runtime/index.js";

export class ControlledSource<T> implements Source<T> {
  readonly boundedness = "CONTINUOUS_UNBOUNDED" as const;
  readonly maxParallelism = 1;
  private readonly queue: { value: T; timestamp: number | undefined }[] = [];
  private ended = false;
  private waiter: (() => void) | null = null;

  push(value: T, timestamp?: number): void {
    this.queue.push({ value, timestamp });
    this.wake();
  }

  end(): void {
    this.ended = true;
    this.wake();
  }

  createReader(): SourceReader<T> {
    return {
      pollNext: (output: ReaderOutput<T>, max: number): InputStatus => {
        let n = 0;
        while (n < max && this.queue.length > 0) {
          const { value, timestamp } = this.queue.shift()!;
          output.collect(value, timestamp);
          n++;
        }
        if (this.queue.length > 0) return "MORE_AVAILABLE";
        return this.ended ? "END_OF_INPUT" : "NOTHING_AVAILABLE";
      },
      isAvailable: () =>
        this.queue.length > 0 || this.ended
          ? Promise.resolve()
          : new Promise<void>((resolve) => {
              this.waiter = resolve;
            }),
    };
  }

  private wake(): void {
    const w = this.waiter;
    this.waiter = null;
    w?.();
  }
}

/** Lets the job run until it has nothing to do (all pending microtasks and immediates done). */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve));
}
