// Flink's iteration aggregators (org.apache.flink.api.common.aggregators): each partition aggregates into its own
// instance during a superstep; at the barrier the instances are merged in partition order into one global value,
// which the next superstep reads with getPreviousIterationAggregate, and every instance is reset.

/** Flink's Aggregator: `aggregate` must also accept another instance's `getAggregate()` (that is how they merge). */
export interface Aggregator<T> {
  aggregate(value: T): void;
  getAggregate(): T;
  reset(): void;
}

/** Sums doubles (Flink's DoubleSumAggregator). */
export class DoubleSumAggregator implements Aggregator<number> {
  private sum = 0;
  aggregate(value: number): void { this.sum += value; }
  getAggregate(): number { return this.sum; }
  reset(): void { this.sum = 0; }
}

/** Sums integers (Flink's LongSumAggregator; exact up to 2^53, as every JavaScript number). */
export class LongSumAggregator implements Aggregator<number> {
  private sum = 0;
  aggregate(value: number): void { this.sum += value; }
  getAggregate(): number { return this.sum; }
  reset(): void { this.sum = 0; }
}

/** Aggregators by name; a factory per name because every partition needs its own instance (Flink serialises one per task). */
export type AggregatorFactories = Readonly<Record<string, () => Aggregator<unknown>>>;

/** The aggregator instances of every partition and the merged values of the last barrier. */
export class PartitionedAggregators {
  private readonly names: string[];
  private readonly factories: (() => Aggregator<unknown>)[];
  /** instances[p][k]: partition p's instance of aggregator k. */
  private readonly instances: Aggregator<unknown>[][];
  private previous: Record<string, unknown> = {};

  constructor(model: string, factories: AggregatorFactories, partitionCount: number) {
    this.names = Object.keys(factories);
    this.factories = this.names.map((name) => factories[name]!);
    this.instances = [];
    for (let p = 0; p < partitionCount; p++) {
      this.instances.push(this.factories.map((make, k) => {
        const made = make();
        if (made === null || typeof made !== "object" || typeof made.aggregate !== "function") {
          throw new TypeError(`${model}: the factory of aggregator "${this.names[k]}" must return an Aggregator (aggregate, getAggregate, reset)`);
        }
        return made;
      }));
    }
  }

  /** Partition p's instance of `name`; throws naming the registered ones when there is none. */
  instance(model: string, partition: number, name: string): Aggregator<unknown> {
    const k = this.names.indexOf(name);
    if (k < 0) throw new Error(`${model}: no aggregator is registered as "${name}" (registered: ${this.names.join(", ") || "none"}); add it to the configuration's aggregators`);
    return this.instances[partition]![k]!;
  }

  /** The merged value of the superstep before (undefined in the first superstep and for unknown names, as Flink's null). */
  previousAggregate(name: string): unknown {
    return this.previous[name];
  }

  /** The barrier: merges every partition's instance in partition order, publishes the result, resets the instances. */
  merge(): void {
    const merged: Record<string, unknown> = {};
    for (let k = 0; k < this.names.length; k++) {
      const global = this.factories[k]!();
      for (const partition of this.instances) {
        global.aggregate(partition[k]!.getAggregate());
        partition[k]!.reset();
      }
      merged[this.names[k]!] = global.getAggregate();
    }
    this.previous = merged;
  }

  /** The values published by the last merge. */
  last(): Record<string, unknown> {
    return this.previous;
  }
}
