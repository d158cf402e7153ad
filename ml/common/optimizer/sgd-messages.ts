// What travels around SGD's training loop: the model of each superstep (the variable stream) and the subtasks' sums
// over their mini-batches.

/** The coefficient a superstep trains (fed back), with the loss that decided whether training goes on. */
export interface SgdModel {
  readonly coefficient: Float64Array;
  /** The superstep that computed it; −1 for the initial model. */
  readonly epoch: number;
  /** The weighted mean loss of the previous coefficient on the superstep's mini-batch (Infinity for the initial one). */
  readonly meanLoss: number;
}

/** One subtask's sums over its mini-batch: the gradient in [0, dim), then the total weight and the total loss. */
export interface PartialGradient {
  readonly subtask: number;
  readonly sums: Float64Array;
}
