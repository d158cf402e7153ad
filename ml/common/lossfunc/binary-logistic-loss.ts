// The binary logistic loss log(1 + exp(−y·dot)) with y = 2·label − 1 ∈ {−1, 1} (Flink ML's BinaryLogisticLoss).
import type { LossFunc } from "./loss-func.js";

export const BinaryLogisticLoss: LossFunc = {
  name: "BinaryLogisticLoss",
  loss(dot, label) {
    const y = 2 * label - 1;
    return Math.log(1 + Math.exp(-dot * y));
  },
  derivative(dot, label) {
    const y = 2 * label - 1;
    return -y / (Math.exp(dot * y) + 1);
  },
};
