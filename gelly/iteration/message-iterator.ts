// The messages of one vertex in one superstep (Flink's MessageIterator), as a reusable iterator over a slice of the
// inbox: one slot of a combined inbox, or a run of a flattened one. The engine re-points it for every vertex, so
// reading messages allocates nothing; `for (const m of messages)` and hasNext()/nextMessage() both work.

export class MessageIterator<M> implements IterableIterator<M> {
  private values: ArrayLike<M> = [];
  private at = 0;
  private end = 0;
  private readonly result: { done: boolean; value: M };

  /**
   * `sample`: a value of the message type (0 for numbers), so the reused result object starts with the right field
   * representation — a field first holding undefined keeps every later number boxed, one allocation per message.
   */
  constructor(sample?: M) {
    this.result = { done: true, value: sample as M };
  }

  /** @internal the engine points the iterator at values[from .. to). */
  reset(values: ArrayLike<M>, from: number, to: number): this {
    this.values = values;
    this.at = from;
    this.end = to;
    return this;
  }

  hasNext(): boolean {
    return this.at < this.end;
  }

  /** The next message (Java's next()); throws when there is none. */
  nextMessage(): M {
    if (this.at >= this.end) throw new RangeError("MessageIterator: no more messages (check hasNext() first)");
    return this.values[this.at++]!;
  }

  /** The iterator protocol; the result object is reused. */
  next(): IteratorResult<M> {
    const r = this.result;
    if (this.at < this.end) {
      r.done = false;
      r.value = this.values[this.at++]!;
    } else {
      r.done = true;
    }
    return r as IteratorResult<M>;
  }

  [Symbol.iterator](): this {
    return this;
  }
}
