// Gelly's three iteration models on typed arrays — vertex-centric (Pregel), scatter-gather, gather-sum-apply — and the
// pieces their user functions use. Input: a CsrGraph with values by dense vertex id and by input edge.
export type { Edge, EdgeDirection, IterationInput, IterationResult, Vertex } from "./iteration-input.js";
export { type Aggregator, type AggregatorFactories, DoubleSumAggregator, LongSumAggregator } from "./aggregator.js";
export type { BroadcastSets } from "./superstep-context.js";
export { MessageIterator } from "./message-iterator.js";
export { type CustomMessageCombiner, type MessageCombiner, MessageCombiners, type NumericMessageCombiner } from "./message-combiner.js";
export { ComputeFunction, runVertexCentricIteration, type VertexCentricConfiguration } from "./vertex-centric-iteration.js";
export { GatherFunction, runScatterGatherIteration, ScatterFunction, type ScatterGatherConfiguration } from "./scatter-gather-iteration.js";
export {
  ApplyFunction,
  GatherFunction as GSAGatherFunction,
  type GSAConfiguration,
  type Neighbor,
  runGatherSumApplyIteration,
  SumFunction,
} from "./gather-sum-apply-iteration.js";
