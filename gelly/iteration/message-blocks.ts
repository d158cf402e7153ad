// Message storage for supersteps over vertex-range partitions, as plain typed arrays and arrays so that a block can
// later be shipped between worker threads:
//   - SlotBlock: one slot per vertex of a destination range, for combined messages (a Float64Array when numeric, with
//     a presence byte per slot). Sending is O(1); merging P blocks into an inbox is O(P · range).
//   - MessageList: the uncombined messages one partition sends to one range, (local target, value) in send order.
//   - FlatInbox: a range's uncombined messages grouped by target (offsets + values) by one stable counting sort over
//     the lists in partition order, so every vertex reads its messages in sender order whatever the partition count.

export class SlotBlock<M> {
  readonly values: M[] | Float64Array;
  readonly present: Uint8Array;
  /** The value of an empty numeric slot (0 for sum, ±Infinity for min/max) so that built-ins combine without a test. */
  readonly identity: number;

  constructor(size: number, numeric: boolean, identity: number) {
    this.present = new Uint8Array(size);
    this.identity = identity;
    this.values = numeric ? new Float64Array(size).fill(identity) : new Array<M>(size);
  }

  /** Empties every slot. */
  clear(): void {
    this.present.fill(0);
    if (this.values instanceof Float64Array) this.values.fill(this.identity);
  }
}

export class MessageList<M> {
  targets = new Int32Array(64);
  values: M[] = [];
  size = 0;

  push(local: number, message: M): void {
    if (this.size === this.targets.length) {
      const grown = new Int32Array(this.size * 2);
      grown.set(this.targets);
      this.targets = grown;
    }
    this.targets[this.size] = local;
    this.values.push(message);
    this.size++;
  }

  clear(): void {
    this.size = 0;
    this.values.length = 0;
  }
}

export class FlatInbox<M> {
  /** The messages of local vertex l are values[offsets[l] .. offsets[l + 1]). */
  readonly offsets: Int32Array;
  values: M[] = [];
  private readonly cursor: Int32Array;

  constructor(readonly size: number) {
    this.offsets = new Int32Array(size + 1);
    this.cursor = new Int32Array(size);
  }

  /** Replaces the contents with the messages of `lists` (taken in order) and returns how many there were. */
  fill(lists: readonly MessageList<M>[]): number {
    const offsets = this.offsets;
    offsets.fill(0);
    let total = 0;
    for (const list of lists) {
      const targets = list.targets;
      for (let i = 0; i < list.size; i++) offsets[targets[i]! + 1]!++;
      total += list.size;
    }
    for (let l = 0; l < this.size; l++) offsets[l + 1]! += offsets[l]!;
    const cursor = this.cursor;
    cursor.set(offsets.subarray(0, this.size));
    const values = new Array<M>(total);
    for (const list of lists) {
      const targets = list.targets;
      const sent = list.values;
      for (let i = 0; i < list.size; i++) values[cursor[targets[i]!]!++] = sent[i]!;
    }
    this.values = values;
    return total;
  }
}
