// Stochastic gradient descent on the runtime's iterations (Flink ML's SGD optimizer). Each superstep every subtask of
// the training data sums the loss and gradient of the current model over its next mini-batch (globalBatchSize points
// in all, split over the subtasks), one subtask merges the sums and takes the step, and the new model is fed back and
// broadcast. Training stops after maxIter supersteps, or once the weighted mean loss of a mini-batch is at most tol
// (Flink ML's TerminateOnMaxIterOrTol). With globalBatchSize at least the data size every step is full-batch gradient
// descent, and the result does not depend on the parallelism.
import { Iterations, OutputTag, type DataStream } from "../../../runtime/index.js";
import type { DenseVector } from "../../linalg/dense-vector.js";
import { vectorBatchCodec } from "../../linalg/vector-batch-codec.js";
import type { LossFunc } from "../lossfunc/loss-func.js";
import { ComputeGradientOperator } from "./compute-gradient-operator.js";
import type { LabeledPoint } from "./labeled-point.js";
import type { PartialGradient, SgdModel } from "./sgd-messages.js";
import { UpdateModelOperator } from "./update-model-operator.js";

export interface SgdParams {
  readonly maxIter: number;
  readonly learningRate: number;
  readonly globalBatchSize: number;
  readonly tol: number;
  readonly reg: number;
  readonly elasticNet: number;
}

export class SGD {
  constructor(private readonly params: SgdParams) {}

  /**
   * The trained coefficient, as a one-record stream. `initModel` holds the initial coefficient (one record, at
   * parallelism 1); `trainData` is bounded and is read once, in parallel.
   */
  optimize(initModel: DataStream<DenseVector>, trainData: DataStream<LabeledPoint>, loss: LossFunc, name = "SGD"): DataStream<DenseVector> {
    const { maxIter, tol, globalBatchSize } = this.params;
    // why the environment's id: graph construction must be the same in every worker that builds the job
    const finalModel = new OutputTag<DenseVector>(`${name}-final-model-${initModel.getExecutionEnvironment().newId()}`);
    const init = initModel.map<SgdModel>((c) => ({ coefficient: c.values.slice(), epoch: -1, meanLoss: Number.POSITIVE_INFINITY }), `${name}: initial model`).setParallelism(1);
    const [out] = Iterations.iterateBoundedStreamsUntilTermination<[SgdModel], [LabeledPoint]>(
      [init],
      [trainData],
      { maxSupersteps: maxIter, name },
      ([model], [points]) => {
        const gradientName = `${name}: cache data and compute gradients`;
        // why rebalance: Flink ML spreads the training data round-robin over the subtasks before caching it
        const partials = points
          .rebalance()
          .withBatchCodec(vectorBatchCodec)
          .connect(model.broadcast())
          .transform<PartialGradient>(gradientName, () => new ComputeGradientOperator(gradientName, loss, globalBatchSize));
        const updateName = `${name}: update model`;
        const updated = partials
          .global()
          .connect(model)
          .transform<SgdModel>(updateName, () => new UpdateModelOperator(updateName, this.params, finalModel))
          .setParallelism(1);
        // why a filter on the fed-back model: it carries the superstep and the loss that decide (Flink ML's criteria)
        const goOn = updated.filter((m) => m.epoch + 1 < maxIter && m.meanLoss > tol, `${name}: max iterations or tolerance`).setParallelism(1);
        return { feedbackVariableStreams: [updated], outputStreams: [updated.getSideOutput(finalModel)], terminationCriteria: goOn };
      },
    );
    return out as DataStream<DenseVector>;
  }
}
