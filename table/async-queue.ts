// A one-consumer queue from a push callback (a job's sink) to an async iterator, ending with the job or its error.
// Unbounded: a sink callback cannot wait, so rows the consumer has not read yet stay in memory. A consumer that stops
// early (`break` out of `for await`) calls `return`, which tells the producer through `onClose` (cancel the job).
export class AsyncQueue<T> implements AsyncIterableIterator<T> {
  constructor(private readonly onClose: () => void = () => undefined) {}

  private readonly items: T[] = [];
  private head = 0;
  private done = false;
  private failure: { error: unknown } | null = null;
  private wake: (() => void) | null = null;

  push(item: T): void {
    this.items.push(item);
    this.notify();
  }

  end(): void {
    this.done = true;
    this.notify();
  }

  fail(error: unknown): void {
    this.failure = { error };
    this.notify();
  }

  async next(): Promise<IteratorResult<T>> {
    for (;;) {
      if (this.head < this.items.length) {
        const item = this.items[this.head]!;
        this.items[this.head++] = undefined as T; // why: let a long run's consumed rows be collected
        return { value: item, done: false };
      }
      if (this.failure !== null) throw this.failure.error;
      if (this.done) return { value: undefined, done: true };
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  async return(): Promise<IteratorResult<T>> {
    if (!this.done && this.failure === null) {
      this.done = true;
      this.items.length = this.head = 0;
      this.onClose();
    }
    return { value: undefined, done: true };
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}
