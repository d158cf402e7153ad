// A subtask's share of one global mini-batch (Flink ML's DataStreamUtils.generateBatchData, which splits each batch
// of globalBatchSize records over the training subtasks: the first globalBatchSize mod p subtasks take one more).
import type { Vector } from "../linalg/vector.js";

export interface MiniBatchChunk {
  /** The training subtask that formed the chunk, and how many there are: the update operator aligns on these. */
  readonly subtask: number;
  readonly parallelism: number;
  readonly features: Vector[];
  /** The label of each row (null when the learner has no label column). */
  readonly labels: Float64Array | null;
  /** The weight of each row (null when the learner has no weight column). */
  readonly weights: Float64Array | null;
}

/** How many records of each global mini-batch subtask `subtask` of `parallelism` contributes. */
export function localBatchSize(globalBatchSize: number, parallelism: number, subtask: number): number {
  const div = Math.floor(globalBatchSize / parallelism);
  return subtask < globalBatchSize % parallelism ? div + 1 : div;
}

/**
 * The global mini-batch from one chunk per subtask, in the order 0th row of subtask 0, 0th row of subtask 1, …, 1st row
 * of subtask 0, … — so when subtask s of p reads input records s, s+p, s+2p, … (a round-robin split, as a
 * GeneratorSource's) the global batch holds the records in input order, the same whatever the parallelism.
 */
export function interleaveChunks(chunks: readonly MiniBatchChunk[]): MiniBatchChunk {
  let total = 0;
  let longest = 0;
  for (const c of chunks) {
    total += c.features.length;
    longest = Math.max(longest, c.features.length);
  }
  const features: Vector[] = new Array<Vector>(total);
  const labels = chunks[0]!.labels === null ? null : new Float64Array(total);
  const weights = chunks[0]!.weights === null ? null : new Float64Array(total);
  let j = 0;
  for (let row = 0; row < longest; row++) {
    for (const c of chunks) {
      if (row >= c.features.length) continue;
      features[j] = c.features[row]!;
      if (labels !== null) labels[j] = c.labels![row]!;
      if (weights !== null) weights[j] = c.weights![row]!;
      j++;
    }
  }
  return { subtask: 0, parallelism: 1, features, labels, weights };
}
