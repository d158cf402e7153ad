// A loss of a linear model on one labelled point (Flink ML's LossFunc). Every loss Flink ML ships depends on the point
// only through the dot product of its features with the coefficient, so a loss is two functions of that dot product:
// the optimizer computes the dot once and adds weight · derivative · features to the gradient (no per-point objects).
export interface LossFunc {
  /** Its name in messages. */
  readonly name: string;
  /** The loss of a point with label `label` whose features dot the coefficient to `dot` (unweighted). */
  loss(dot: number, label: number): number;
  /** d loss / d dot: the gradient of the point is this times its features (unweighted). */
  derivative(dot: number, label: number): number;
}
