// Flink's MessageCombiner for vertex-centric iterations: messages to one vertex are merged as they are sent, so a
// vertex's inbox is one slot (a Float64Array slot for numeric messages). The built-in numeric combiners are known to
// the engine and inlined in its send loop; a custom one is a pure, associative function of two messages.

/** A numeric combiner the engine inlines: sum, minimum or maximum of number messages. */
export interface NumericMessageCombiner {
  readonly kind: "sum" | "min" | "max";
}

/** Any associative combination; `numeric: true` keeps number messages in a Float64Array inbox. */
export interface CustomMessageCombiner<M> {
  readonly kind: "custom";
  combine(a: M, b: M): M;
  readonly numeric?: boolean;
}

/** What runVertexCentricIteration accepts as its combiner: the built-ins only for number messages. */
export type MessageCombiner<M> = (M extends number ? NumericMessageCombiner : never) | CustomMessageCombiner<M>;

export const MessageCombiners = {
  sum: { kind: "sum" } as NumericMessageCombiner,
  min: { kind: "min" } as NumericMessageCombiner,
  max: { kind: "max" } as NumericMessageCombiner,
  /** Flink's combineMessages folded pairwise: `combine` must be associative (partitions combine before they merge). */
  of<M>(combine: (a: M, b: M) => M, options: { numeric?: boolean } = {}): CustomMessageCombiner<M> {
    return { kind: "custom", combine, numeric: options.numeric === true };
  },
} as const;
