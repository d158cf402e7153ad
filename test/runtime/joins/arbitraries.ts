// fast-check generators shared by the join property tests: keyed records with bounded out-of-order timestamps.
import fc from "fast-check";

export interface Ev {
  readonly id: string;
  readonly k: number;
  readonly ts: number;
}

/**
 * A side's records in arrival order: each timestamp is at least (max so far − bound), so with
 * bounded out-of-orderness `bound` no record is ever behind the watermark (max − bound − 1), in
 * any subsequence a parallel source subtask reads either.
 */
export function outOfOrderSide(prefix: string, bound: number, options: { maxKey?: number; maxLength?: number; maxStep?: number } = {}): fc.Arbitrary<Ev[]> {
  const { maxKey = 3, maxLength = 40, maxStep = 6 } = options;
  return fc
    .array(fc.record({ k: fc.integer({ min: 0, max: maxKey }), delta: fc.integer({ min: -bound, max: maxStep }) }), { maxLength })
    .map((steps) => {
      let max = 1000;
      return steps.map(({ k, delta }, i) => {
        const ts = max + delta;
        if (ts > max) max = ts;
        return { id: `${prefix}${i}`, k, ts };
      });
    });
}
