// Linear algebra for ml/: vectors, matrices and BLAS-style kernels on Float64Array.
export type { Vector } from "./vector.js";
export { isVector } from "./vector.js";
export { DenseVector } from "./dense-vector.js";
export { SparseVector } from "./sparse-vector.js";
export { DenseMatrix } from "./dense-matrix.js";
export { Vectors } from "./vectors.js";
export * as BLAS from "./blas.js";
export { vectorBatchCodec } from "./vector-batch-codec.js";
export { reviveVector } from "./revive-vector.js";
