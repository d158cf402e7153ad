// The hinge loss max(0, 1 − y·dot) with y = 2·label − 1 ∈ {−1, 1} (Flink ML's HingeLoss; its sub-gradient is 0 at the
// hinge, as in Flink ML).
import type { LossFunc } from "./loss-func.js";

export const HingeLoss: LossFunc = {
  name: "HingeLoss",
  loss(dot, label) {
    const y = 2 * label - 1;
    return Math.max(0, 1 - y * dot);
  },
  derivative(dot, label) {
    const y = 2 * label - 1;
    return 1 - y * dot > 0 ? -y : 0;
  },
};
