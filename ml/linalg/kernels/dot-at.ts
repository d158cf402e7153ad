// a · b over `dim` values at offsets of two flat arrays, with four partial sums (four multiply-adds in flight; see
// bench/ml). One order of addition for every Euclidean computation of ml/ — the distance measures, the row norms and
// the Lloyd kernels' norms — so their answers agree to the bit.
export function dotAt(as: Float64Array, ao: number, bs: Float64Array, bo: number, dim: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let j = 0;
  for (; j + 3 < dim; j += 4) {
    s0 += as[ao + j]! * bs[bo + j]!;
    s1 += as[ao + j + 1]! * bs[bo + j + 1]!;
    s2 += as[ao + j + 2]! * bs[bo + j + 2]!;
    s3 += as[ao + j + 3]! * bs[bo + j + 3]!;
  }
  for (; j < dim; j++) s0 += as[ao + j]! * bs[bo + j]!;
  return s0 + s1 + (s2 + s3);
}
