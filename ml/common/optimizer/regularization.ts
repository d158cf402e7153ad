// The elastic-net step applied to the coefficient after each gradient step (Flink ML's RegularizationUtils): the
// penalty is elasticNet·reg·‖c‖₁ + (1 − elasticNet)·(reg/2)·‖c‖₂², and each coordinate moves by learningRate times
// its (sub-)gradient elasticNet·reg·sign(c_i) + (1 − elasticNet)·reg·c_i.
export function regularize(coefficient: Float64Array, reg: number, elasticNet: number, learningRate: number): void {
  if (reg === 0) return;
  if (elasticNet === 0) {
    // only L2: a uniform shrink (Flink ML's BLAS.scal(1 − learningRate·reg, c))
    const scale = 1 - learningRate * reg;
    for (let i = 0; i < coefficient.length; i++) coefficient[i]! *= scale;
    return;
  }
  for (let i = 0; i < coefficient.length; i++) {
    const c = coefficient[i]!;
    coefficient[i] = c - learningRate * (elasticNet * reg * Math.sign(c) + (1 - elasticNet) * reg * c);
  }
}
