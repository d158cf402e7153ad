// The least-square loss ½(dot − label)² (Flink ML's LeastSquareLoss).
import type { LossFunc } from "./loss-func.js";

export const LeastSquareLoss: LossFunc = {
  name: "LeastSquareLoss",
  loss(dot, label) {
    const d = dot - label;
    return 0.5 * d * d;
  },
  derivative(dot, label) {
    return dot - label;
  },
};
