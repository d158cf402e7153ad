// Builds a fit's job graph: a partial aggregation in every subtask of the input, then one merger that emits the
// model data when the input ends. Nothing runs until the job does.
import type { DataStream } from "../../runtime/index.js";
import type { BoundedAggregator } from "./bounded-aggregator.js";
import { MergeAggregateOperator } from "./operators/merge-aggregate-operator.js";
import { PartialAggregateOperator } from "./operators/partial-aggregate-operator.js";
import type { Row } from "./row.js";
import { vectorBatchCodec } from "../linalg/vector-batch-codec.js";

export function aggregateBounded<ACC, MD, T extends Row = Row>(input: DataStream<T>, aggregator: BoundedAggregator<ACC, MD>, name: string): DataStream<MD> {
  return input
    .transform<ACC>(`${name}: partial`, () => new PartialAggregateOperator<ACC>(`${name}: partial`, aggregator))
    .global()
    .transform<MD>(`${name}: merge`, () => new MergeAggregateOperator<ACC, MD>(`${name}: merge`, aggregator))
    .setParallelism(1)
    .withBatchCodec(vectorBatchCodec); // model data keeps its vector classes across workers
}
