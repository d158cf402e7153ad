// ChiSqTest: Pearson's chi-squared test of independence between each categorical feature and a categorical label
// (Flink ML's ChiSqTest, scipy's chi2_contingency without correction): over the contingency table of the feature's
// values × the labels, statistic = Σ (observed − expected)² / expected, degreeOfFreedom = (values − 1)(labels − 1);
// as Flink ML, both are rounded to 11 decimals, and a feature with one value (no freedom) has statistic 0, p-value 1.
import type { BoundedAggregator } from "../core/bounded-aggregator.js";
import { numberAt, vectorAt } from "../core/columns.js";
import { registerStage } from "../core/stage-registry.js";
import { chiSquaredSurvival } from "./distributions.js";
import { type FeatureTest, StatsTest } from "./stats-test.js";

/** Per feature: value (String) → label (String) → count. */
interface Table {
  dim: number;
  counts: Record<string, Record<string, number>>[];
}

export class ChiSqTest extends StatsTest<Table> {
  readonly className = "ChiSqTest";
  protected readonly statisticName = "statistic";

  protected aggregator(featuresCol: string, labelCol: string): BoundedAggregator<Table, FeatureTest[]> {
    const init = (acc: Table, dim: number) => {
      if (acc.dim === -1) {
        acc.dim = dim;
        acc.counts = Array.from({ length: dim }, () => ({}));
      } else if (acc.dim !== dim) throw new Error(`ChiSqTest: feature vectors should be of equal length, got ${acc.dim} and ${dim}`);
    };
    return {
      createAccumulator: () => ({ dim: -1, counts: [] }),
      add(acc, row) {
        const x = vectorAt(row, featuresCol, "ChiSqTest").toDense().values;
        const label = String(numberAt(row, labelCol, "ChiSqTest"));
        init(acc, x.length);
        for (let j = 0; j < x.length; j++) {
          const byLabel = (acc.counts[j]![String(x[j])] ??= {});
          byLabel[label] = (byLabel[label] ?? 0) + 1;
        }
        return acc;
      },
      merge(a, b) {
        if (b.dim === -1) return a;
        if (a.dim === -1) return b;
        init(a, b.dim);
        b.counts.forEach((values, j) => {
          for (const [value, byLabel] of Object.entries(values)) {
            const into = (a.counts[j]![value] ??= {});
            for (const [label, n] of Object.entries(byLabel)) into[label] = (into[label] ?? 0) + n;
          }
        });
        return a;
      },
      result(acc) {
        const labels = new Set<string>();
        for (const values of acc.counts) for (const byLabel of Object.values(values)) for (const l of Object.keys(byLabel)) labels.add(l);
        return [acc.counts.map((values) => {
          const rows = Object.values(values);
          const rowTotals = rows.map((byLabel) => Object.values(byLabel).reduce((s, n) => s + n, 0));
          const n = rowTotals.reduce((s, t) => s + t, 0);
          const colTotals = new Map<string, number>();
          for (const byLabel of rows) for (const [l, c] of Object.entries(byLabel)) colTotals.set(l, (colTotals.get(l) ?? 0) + c);
          let statistic = 0;
          rows.forEach((byLabel, i) => {
            for (const l of labels) {
              const expected = (rowTotals[i]! * (colTotals.get(l) ?? 0)) / n;
              const d = (byLabel[l] ?? 0) - expected;
              statistic += (d * d) / expected;
            }
          });
          const dof = (rows.length - 1) * (labels.size - 1);
          if (dof === 0) return { pValue: 1, degreeOfFreedom: 0, statistic: 0 };
          return { pValue: roundTo11(chiSquaredSurvival(statistic, dof)), degreeOfFreedom: dof, statistic: roundTo11(statistic) };
        })];
      },
    };
  }
}

/** Flink ML rounds ChiSqTest's p-values and statistics to 11 decimals (half up). */
function roundTo11(x: number): number {
  return Math.round(x * 1e11) / 1e11;
}

registerStage("ChiSqTest", () => new ChiSqTest());
