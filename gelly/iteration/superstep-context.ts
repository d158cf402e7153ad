// What every user function of the three models can ask the engine during a superstep (Flink's
// IterationRuntimeContext as the functions expose it): the superstep number, the aggregators of the partition it is
// running for, the previous superstep's merged aggregates, broadcast sets and, when asked for, the vertex count.
import type { Aggregator, PartitionedAggregators } from "./aggregator.js";

/** Broadcast sets by name: read-only collections every partition sees whole (Flink's withBroadcastSet). */
export type BroadcastSets = Readonly<Record<string, ArrayLike<unknown>>>;

/** The engine's side of a user function; set by the engine before the first superstep. */
export class SuperstepContext {
  superstep = 0;
  partition = 0;
  constructor(
    readonly model: string,
    readonly aggregators: PartitionedAggregators,
    readonly broadcastSets: BroadcastSets,
    /** Flink's -1 unless the configuration asked for the number of vertices. */
    readonly numberOfVertices: number,
  ) {}
}

/** Binds a user function to its engine; a symbol so that it stays out of the user's method names. */
export const CONTEXT: unique symbol = Symbol("gelly iteration context");

/** The methods Flink's ComputeFunction, ScatterFunction, GatherFunction, SumFunction and ApplyFunction share. */
export abstract class IterationFunction {
  [CONTEXT]: SuperstepContext | undefined;

  /** Runs before the function is applied to the vertices of a partition, once per partition per superstep (as Flink once per parallel instance). */
  preSuperstep(): void {}

  /** Runs after the function has been applied to the vertices of a partition, once per partition per superstep. */
  postSuperstep(): void {}

  /** The number of the current superstep, starting at 1. */
  getSuperstepNumber(): number {
    return this.context().superstep;
  }

  /** This partition's instance of the aggregator registered under `name` (aggregate into it; merged at the barrier). */
  getIterationAggregator<A extends Aggregator<unknown>>(name: string): A {
    const c = this.context();
    return c.aggregators.instance(c.model, c.partition, name) as A;
  }

  /** The value aggregator `name` reached in the previous superstep, merged over all partitions; undefined in the first. */
  getPreviousIterationAggregate<T>(name: string): T | undefined {
    return this.context().aggregators.previousAggregate(name) as T | undefined;
  }

  /** The broadcast set registered under `name` for this function. */
  getBroadcastSet<T>(name: string): ArrayLike<T> {
    const c = this.context();
    const set = c.broadcastSets[name];
    if (set === undefined) throw new Error(`${c.model}: no broadcast set "${name}" is registered for this function (registered: ${Object.keys(c.broadcastSets).join(", ") || "none"})`);
    return set as ArrayLike<T>;
  }

  /** The number of vertices when the configuration set numberOfVertices: true, else -1 (as Flink). */
  getNumberOfVertices(): number {
    return this.context().numberOfVertices;
  }

  private context(): SuperstepContext {
    const c = this[CONTEXT];
    if (c === undefined) throw new Error("this iteration function is not running: its methods are usable only while an iteration calls it");
    return c;
  }
}
