// The first half of Swing, keyed by user (Flink ML's CollectingUserBehavior): each user's distinct items; at the end
// of input, users with minUserBehavior..maxUserBehavior items send (user, item, all their items, sorted) per item.
import { AbstractStreamOperator, NO_TIMESTAMP, type RecordBatch } from "../../../runtime/index.js";

export interface UserPurchase {
  readonly user: number;
  readonly item: number;
  /** All of the user's items, ascending. */
  readonly items: Float64Array;
}

export class CollectUserBehavior extends AbstractStreamOperator<UserPurchase> {
  private readonly itemsByUser = new Map<number, Set<number>>();

  constructor(
    name: string,
    private readonly minUserBehavior: number,
    private readonly maxUserBehavior: number,
  ) {
    super(name);
  }

  processBatch(batch: RecordBatch<any>): void {
    for (let i = 0; i < batch.length; i++) {
      const [user, item] = batch.values[i] as [number, number];
      let items = this.itemsByUser.get(user);
      if (items === undefined) this.itemsByUser.set(user, (items = new Set()));
      // why the bound: a user past maxUserBehavior is left out anyway, so one item more than that is enough to know
      if (items.size <= this.maxUserBehavior) items.add(item);
    }
  }

  override endInput(): void {
    for (const [user, set] of this.itemsByUser) {
      if (set.size < this.minUserBehavior || set.size > this.maxUserBehavior) continue;
      const items = Float64Array.from(set).sort();
      for (const item of items) this.output.collect({ user, item, items }, NO_TIMESTAMP);
    }
    this.itemsByUser.clear();
  }
}
