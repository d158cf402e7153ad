// Sources over in-memory data: arrays (replayable), iterables and async iterables.
import type { InputStatus, ReaderOutput, Source, SourceReader } from "./source.js";

/**
 * Elements of an array, read by one subtask (like Flink's fromElements/fromCollection, which are
 * not parallel). Replayable: the position is the index of the next element.
 */
export class CollectionSource<T> implements Source<T> {
  readonly boundedness = "BOUNDED" as const;
  readonly maxParallelism = 1;
  readonly replayable = true;
  /** Every worker builds the job, so every copy of the reader has the array; the position is all that moves. */
  readonly movable = true;
  constructor(private readonly elements: readonly T[]) {}
  createReader(): SourceReader<T> {
    return new ArrayReader(this.elements);
  }
}

class ArrayReader<T> implements SourceReader<T> {
  private position = 0;
  constructor(private readonly elements: readonly T[]) {}
  pollNext(output: ReaderOutput<T>, max: number): InputStatus {
    const end = Math.min(this.elements.length, this.position + max);
    const elements = this.elements;
    for (let i = this.position; i < end; i++) output.collect(elements[i]!);
    this.position = end;
    return end < elements.length ? "MORE_AVAILABLE" : "END_OF_INPUT";
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

/** A synchronous iterable (e.g. a generator function): read once, not replayable. */
export class IterableSource<T> implements Source<T> {
  readonly boundedness = "BOUNDED" as const;
  readonly maxParallelism = 1;
  readonly replayable = false;
  constructor(private readonly iterable: Iterable<T>) {}
  createReader(): SourceReader<T> {
    const iterator = this.iterable[Symbol.iterator]();
    return {
      pollNext(output, max) {
        for (let i = 0; i < max; i++) {
          const next = iterator.next();
          if (next.done) return "END_OF_INPUT";
          output.collect(next.value);
        }
        return "MORE_AVAILABLE";
      },
      isAvailable: () => Promise.resolve(),
      close: () => void iterator.return?.(),
    };
  }
}

/**
 * An async iterable (a queue, a socket, a database cursor): a pump reads ahead into a bounded
 * buffer so that `pollNext` never awaits; the task waits on `isAvailable` when the buffer is empty.
 */
export class AsyncIterableSource<T> implements Source<T> {
  readonly maxParallelism = 1;
  readonly replayable = false;
  constructor(
    private readonly iterable: AsyncIterable<T>,
    readonly boundedness: "BOUNDED" | "CONTINUOUS_UNBOUNDED" = "CONTINUOUS_UNBOUNDED",
    private readonly readAhead = 1024,
  ) {}
  createReader(): SourceReader<T> {
    return new AsyncIterableReader(this.iterable[Symbol.asyncIterator](), this.readAhead);
  }
}

class AsyncIterableReader<T> implements SourceReader<T> {
  private buffer: T[] = [];
  private head = 0;
  private done = false;
  private failure: unknown = undefined;
  private pumping = false;
  private waiter: (() => void) | null = null;
  private closed = false;

  constructor(private readonly iterator: AsyncIterator<T>, private readonly readAhead: number) {}

  pollNext(output: ReaderOutput<T>, max: number): InputStatus {
    if (this.failure !== undefined) throw this.failure;
    let n = 0;
    while (n < max && this.head < this.buffer.length) {
      output.collect(this.buffer[this.head++]!);
      n++;
    }
    if (this.head === this.buffer.length) {
      this.buffer = [];
      this.head = 0;
    }
    if (!this.pumping && !this.done) void this.pump();
    if (this.head < this.buffer.length) return "MORE_AVAILABLE";
    return this.done ? "END_OF_INPUT" : "NOTHING_AVAILABLE";
  }

  isAvailable(): Promise<void> {
    if (this.head < this.buffer.length || this.done || this.failure !== undefined) return Promise.resolve();
    if (!this.pumping) void this.pump();
    return new Promise((resolve) => {
      this.waiter = resolve;
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.iterator.return?.();
  }

  private async pump(): Promise<void> {
    this.pumping = true;
    try {
      while (!this.closed && this.buffer.length - this.head < this.readAhead) {
        const next = await this.iterator.next();
        if (next.done) {
          this.done = true;
          break;
        }
        this.buffer.push(next.value);
        this.wake();
      }
    } catch (e) {
      this.failure = e;
    } finally {
      this.pumping = false;
      this.wake();
    }
  }

  private wake(): void {
    const w = this.waiter;
    this.waiter = null;
    w?.();
  }
}
