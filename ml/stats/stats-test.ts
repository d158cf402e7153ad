// The base of Flink ML's statistical tests (ChiSqTest, ANOVATest, FValueTest): an AlgoOperator over one table of
// features and labels, computed in one bounded pass, whose output is one row of vectors — or, with flatten, one row
// per feature.
import type { DataStream } from "../../runtime/index.js";
import { AlgoOperator } from "../core/algo-operator.js";
import { aggregateBounded } from "../core/aggregate-bounded.js";
import type { BoundedAggregator } from "../core/bounded-aggregator.js";
import { asRowStreams, type Row } from "../core/row.js";
import { FEATURES_COL, LABEL_COL } from "../core/shared-params.js";
import { DenseVector } from "../linalg/dense-vector.js";
import { FLATTEN, STATS_TEST_PARAMS } from "./stats-params.js";

/** One feature's result. */
export interface FeatureTest {
  readonly pValue: number;
  readonly degreeOfFreedom: number;
  readonly statistic: number;
}

export abstract class StatsTest<ACC> extends AlgoOperator {
  /** Flink ML's name of the statistic column: 'statistic(s)' for ChiSqTest, 'fValue(s)' for the F tests. */
  protected abstract readonly statisticName: "statistic" | "fValue";

  constructor() {
    super();
    this.declareParams(...STATS_TEST_PARAMS);
  }

  getFeaturesCol(): string { return this.get(FEATURES_COL); }
  setFeaturesCol(value: string): this { return this.set(FEATURES_COL, value); }
  getLabelCol(): string { return this.get(LABEL_COL); }
  setLabelCol(value: string): this { return this.set(LABEL_COL, value); }
  getFlatten(): boolean { return this.get(FLATTEN); }
  setFlatten(value: boolean): this { return this.set(FLATTEN, value); }

  /** Sums what the test needs over the rows, and turns the sums into one result per feature. */
  protected abstract aggregator(featuresCol: string, labelCol: string): BoundedAggregator<ACC, FeatureTest[]>;

  transform<T extends Row>(...typed: DataStream<T>[]): DataStream<Row>[] {
    const inputs = asRowStreams(typed);
    this.expectInputs(inputs, 1);
    const inner = this.aggregator(this.getFeaturesCol(), this.getLabelCol());
    const flatten = this.getFlatten();
    const name = this.statisticName;
    const rows: BoundedAggregator<ACC, Row> = {
      createAccumulator: () => inner.createAccumulator(),
      add: (acc, row) => inner.add(acc, row),
      merge: (a, b) => inner.merge(a, b),
      result: (acc) => {
        const tests = inner.result(acc)[0]!;
        if (flatten) return tests.map((t, featureIndex) => ({ featureIndex, pValue: t.pValue, degreeOfFreedom: t.degreeOfFreedom, [name]: t.statistic }));
        return [{
          pValues: new DenseVector(Float64Array.from(tests, (t) => t.pValue)),
          degreesOfFreedom: tests.map((t) => t.degreeOfFreedom),
          [`${name}s`]: new DenseVector(Float64Array.from(tests, (t) => t.statistic)),
        }];
      },
    };
    return [aggregateBounded(inputs[0]!, rows, this.className)];
  }
}
