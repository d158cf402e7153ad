// A training point of a supervised learner (Flink ML's LabeledPointWithWeight).
import type { Vector } from "../../linalg/vector.js";

export interface LabeledPoint {
  readonly features: Vector;
  readonly label: number;
  readonly weight: number;
}
