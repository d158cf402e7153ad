// Lloyd's algorithm on the runtime's iterations (Flink ML's KMeansIterationBody): each superstep every subtask of the
// points assigns its points to the closest of the broadcast centroids and sums them per cluster, one subtask merges
// the sums into the new centroids and feeds them back; after maxIter supersteps the last centroids leave the loop.
import { Iterations, OutputTag, type DataStream } from "../../../runtime/index.js";
import type { DistanceMeasure } from "../../common/distance/distance-measure.js";
import { vectorBatchCodec } from "../../linalg/vector-batch-codec.js";
import type { Vector } from "../../linalg/vector.js";
import type { KMeansModelData } from "../kmeans.js";
import { CentroidsUpdateAccumulator } from "./centroids-update-accumulator.js";
import { CentroidsUpdateMerger } from "./centroids-update-merger.js";
import type { Centroids, PartialCentroids } from "./kmeans-messages.js";

export function lloydIteration(initial: DataStream<Centroids>, points: DataStream<Vector>, maxIter: number, distance: DistanceMeasure, name = "KMeans"): DataStream<KMeansModelData> {
  // why the environment's id: graph construction must be the same in every worker that builds the job
  const finalModel = new OutputTag<KMeansModelData>(`${name}-final-model-${initial.getExecutionEnvironment().newId()}`);
  const [out] = Iterations.iterateBoundedStreamsUntilTermination<[Centroids], [Vector]>([initial], [points], { maxSupersteps: maxIter, name }, ([centroids], [data]) => {
    const accumulatorName = `${name}: assign points and sum clusters`;
    // why no rebalance (Flink ML's KMeansIterationBody has none either): points stay with the subtask that read them, so
    // on the pool they never cross workers — a rebalance sent half of them through the codec for nothing (docs/ml.md);
    // an input of another parallelism is still spread round-robin, the runtime's default between unequal parallelisms
    const partials = data
      .withBatchCodec(vectorBatchCodec)
      .connect(centroids.broadcast())
      .transform<PartialCentroids>(accumulatorName, () => new CentroidsUpdateAccumulator(accumulatorName, distance));
    const mergerName = `${name}: update centroids`;
    const next = partials
      .global()
      .connect(centroids)
      .transform<Centroids>(mergerName, () => new CentroidsUpdateMerger(mergerName, finalModel))
      .setParallelism(1);
    // Flink ML's TerminateOnMaxIter: go on while fewer than maxIter steps ran
    const goOn = next.filter((c) => c.epoch + 1 < maxIter, `${name}: max iterations`).setParallelism(1);
    return { feedbackVariableStreams: [next], outputStreams: [next.getSideOutput(finalModel)], terminationCriteria: goOn };
  });
  return (out as DataStream<KMeansModelData>).withBatchCodec(vectorBatchCodec);
}
