// FValueTest: the univariate linear-regression F test of each continuous feature against a continuous label (Flink
// ML's FValueTest, scikit-learn's f_regression): with r the Pearson correlation of feature and label over n rows,
// F = r² / (1 − r²) · (n − 2), degreeOfFreedom = n − 2. The sums are taken in one pass.
import type { BoundedAggregator } from "../core/bounded-aggregator.js";
import { numberAt, vectorAt } from "../core/columns.js";
import { registerStage } from "../core/stage-registry.js";
import { fSurvival } from "./distributions.js";
import { type FeatureTest, StatsTest } from "./stats-test.js";

interface Moments {
  n: number;
  y: number;
  yy: number;
  x: number[];
  xx: number[];
  xy: number[];
}

export class FValueTest extends StatsTest<Moments> {
  readonly className = "FValueTest";
  protected readonly statisticName = "fValue";

  protected aggregator(featuresCol: string, labelCol: string): BoundedAggregator<Moments, FeatureTest[]> {
    const zeros = (acc: Moments, dim: number) => {
      if (acc.n === 0 && acc.x.length === 0) {
        acc.x = new Array<number>(dim).fill(0);
        acc.xx = new Array<number>(dim).fill(0);
        acc.xy = new Array<number>(dim).fill(0);
      } else if (acc.x.length !== dim) throw new Error(`FValueTest: input ${dim} features, but FValueTest is expecting ${acc.x.length} features`);
    };
    return {
      createAccumulator: () => ({ n: 0, y: 0, yy: 0, x: [], xx: [], xy: [] }),
      add(acc, row) {
        const x = vectorAt(row, featuresCol, "FValueTest").toDense().values;
        const y = numberAt(row, labelCol, "FValueTest");
        zeros(acc, x.length);
        acc.n++;
        acc.y += y;
        acc.yy += y * y;
        for (let j = 0; j < x.length; j++) {
          acc.x[j]! += x[j]!;
          acc.xx[j]! += x[j]! * x[j]!;
          acc.xy[j]! += x[j]! * y;
        }
        return acc;
      },
      merge(a, b) {
        if (b.n === 0) return a;
        if (a.n === 0) return b;
        zeros(a, b.x.length);
        a.n += b.n;
        a.y += b.y;
        a.yy += b.yy;
        for (let j = 0; j < a.x.length; j++) {
          a.x[j]! += b.x[j]!;
          a.xx[j]! += b.xx[j]!;
          a.xy[j]! += b.xy[j]!;
        }
        return a;
      },
      result({ n, y, yy, x, xx, xy }) {
        if (n < 3) throw new Error(`FValueTest: ${n} rows — the test needs at least 3`);
        const df = n - 2;
        const syy = yy - (y * y) / n;
        return [x.map((sx, j) => {
          const sxx = xx[j]! - (sx * sx) / n;
          const sxy = xy[j]! - (sx * y) / n;
          const r = sxy / Math.sqrt(sxx * syy);
          const f = ((r * r) / (1 - r * r)) * df;
          return { pValue: fSurvival(f, 1, df), degreeOfFreedom: df, statistic: f };
        })];
      },
    };
  }
}

registerStage("FValueTest", () => new FValueTest());
