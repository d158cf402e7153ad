// ANOVATest: the one-way analysis of variance F test of each continuous feature against a categorical label (Flink
// ML's ANOVATest, scikit-learn's f_classif): F = (SS_between / (c − 1)) / (SS_within / (n − c)) over the c label
// classes; degreeOfFreedom is Flink ML's (c − 1) + (n − c) = n − 1.
import type { BoundedAggregator } from "../core/bounded-aggregator.js";
import { numberAt, vectorAt } from "../core/columns.js";
import { registerStage } from "../core/stage-registry.js";
import { fSurvival } from "./distributions.js";
import { type FeatureTest, StatsTest } from "./stats-test.js";

interface Sums {
  dim: number;
  sum: number[];
  sumSq: number[];
  /** Per label (by String(label)): its row count and per-feature sums. */
  classes: Record<string, { count: number; sum: number[] }>;
}

export class ANOVATest extends StatsTest<Sums> {
  readonly className = "ANOVATest";
  protected readonly statisticName = "fValue";

  protected aggregator(featuresCol: string, labelCol: string): BoundedAggregator<Sums, FeatureTest[]> {
    const init = (acc: Sums, dim: number) => {
      if (acc.dim === -1) {
        acc.dim = dim;
        acc.sum = new Array<number>(dim).fill(0);
        acc.sumSq = new Array<number>(dim).fill(0);
      } else if (acc.dim !== dim) throw new Error(`ANOVATest: feature vectors should be of equal length, got ${acc.dim} and ${dim}`);
    };
    return {
      createAccumulator: () => ({ dim: -1, sum: [], sumSq: [], classes: {} }),
      add(acc, row) {
        const x = vectorAt(row, featuresCol, "ANOVATest").toDense().values;
        const label = String(numberAt(row, labelCol, "ANOVATest"));
        init(acc, x.length);
        const c = (acc.classes[label] ??= { count: 0, sum: new Array<number>(x.length).fill(0) });
        c.count++;
        for (let j = 0; j < x.length; j++) {
          acc.sum[j]! += x[j]!;
          acc.sumSq[j]! += x[j]! * x[j]!;
          c.sum[j]! += x[j]!;
        }
        return acc;
      },
      merge(a, b) {
        if (b.dim === -1) return a;
        if (a.dim === -1) return b;
        init(a, b.dim);
        for (let j = 0; j < a.dim; j++) {
          a.sum[j]! += b.sum[j]!;
          a.sumSq[j]! += b.sumSq[j]!;
        }
        for (const [label, c] of Object.entries(b.classes)) {
          const into = a.classes[label];
          if (into === undefined) a.classes[label] = c;
          else {
            into.count += c.count;
            for (let j = 0; j < a.dim; j++) into.sum[j]! += c.sum[j]!;
          }
        }
        return a;
      },
      result(acc) {
        const classes = Object.values(acc.classes);
        const n = classes.reduce((s, c) => s + c.count, 0);
        const dfBetween = classes.length - 1;
        const dfWithin = n - classes.length;
        if (dfBetween <= 0) throw new Error("ANOVATest: the label has a single class — the test needs at least two");
        if (dfWithin <= 0) throw new Error(`ANOVATest: ${n} rows in ${classes.length} classes — the test needs more rows than classes`);
        const tests: FeatureTest[] = [];
        for (let j = 0; j < acc.dim; j++) {
          const sum = acc.sum[j]!;
          const ssTotal = acc.sumSq[j]! - (sum * sum) / n;
          let between = 0;
          for (const c of classes) between += (c.sum[j]! * c.sum[j]!) / c.count;
          const ssBetween = between - (sum * sum) / n;
          const f = ssBetween / dfBetween / ((ssTotal - ssBetween) / dfWithin);
          tests.push({ pValue: fSurvival(f, dfBetween, dfWithin), degreeOfFreedom: dfBetween + dfWithin, statistic: f });
        }
        return [tests];
      },
    };
  }
}

registerStage("ANOVATest", () => new ANOVATest());
