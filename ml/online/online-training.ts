// Builds an online learner's training graph: the parallel mini-batch operator on the training rows, then the
// parallelism-1 update operator fed with the chunks and the initial model. Its output is the unbounded stream of
// model versions.
import type { DataStream } from "../../runtime/index.js";
import type { Row } from "../core/row.js";
import { vectorBatchCodec } from "../linalg/vector-batch-codec.js";
import { MiniBatchOperator, type MiniBatchColumns } from "./operators/mini-batch-operator.js";
import { MiniBatchUpdateOperator, type OnlineLearner } from "./operators/mini-batch-update-operator.js";
import type { MiniBatchChunk } from "./mini-batch.js";

export function trainOnline<MD>(
  stageName: string,
  input: DataStream<Row>,
  initialModelData: DataStream<unknown>,
  globalBatchSize: number,
  columns: MiniBatchColumns,
  createLearner: () => OnlineLearner<MD>,
): DataStream<MD> {
  const batchName = `${stageName}: mini-batch`;
  const updateName = `${stageName}: update`;
  const chunks = input.transform<MiniBatchChunk>(batchName, () => new MiniBatchOperator(batchName, stageName, globalBatchSize, columns));
  // why the vector codec: the chunks' features and the model versions keep their vector classes across workers
  return chunks
    .global()
    .withBatchCodec(vectorBatchCodec)
    .connect(initialModelData.global().withBatchCodec(vectorBatchCodec))
    .transform<MD>(updateName, () => new MiniBatchUpdateOperator<MD>(updateName, stageName, createLearner()))
    .setParallelism(1)
    .withBatchCodec(vectorBatchCodec);
}
