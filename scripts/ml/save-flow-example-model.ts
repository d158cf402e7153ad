// Writes the small model dsl-examples/ml/churn.flow predicts with (dsl-examples/ml/models/churn): a PipelineModel of
// VectorAssembler (tenure, spend → features), StandardScaler (features → scaled) and LogisticRegression (scaled →
// churn, churnScores), fitted on the rows below. Run with `npx tsx scripts/ml/save-flow-example-model.ts`; the output
// is committed so that the golden example stays hermetic.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { LogisticRegression, Pipeline, StandardScaler, VectorAssembler, type Row } from "../../ml/index.js";
import { StreamExecutionEnvironment } from "../../runtime/index.js";

const target = join(fileURLToPath(new URL("../../dsl-examples/ml/models/churn", import.meta.url)));
// Customers who leave: short tenure and low spend (label 1).
const rows: Row[] = [
  { tenure: 1, spend: 10, label: 1 }, { tenure: 2, spend: 15, label: 1 }, { tenure: 3, spend: 5, label: 1 }, { tenure: 4, spend: 20, label: 1 },
  { tenure: 2, spend: 30, label: 1 }, { tenure: 24, spend: 80, label: 0 }, { tenure: 36, spend: 60, label: 0 }, { tenure: 18, spend: 90, label: 0 },
  { tenure: 48, spend: 40, label: 0 }, { tenure: 30, spend: 70, label: 0 },
];

const env = StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(1);
const pipeline = new Pipeline([
  new VectorAssembler().setInputCols("tenure", "spend").setInputSizes(1, 1).setOutputCol("features"),
  // why withMean: Flink ML's LogisticRegression has no intercept; centred features put its boundary where it belongs
  new StandardScaler().setInputCol("features").setOutputCol("scaled").setWithMean(true),
  new LogisticRegression().setFeaturesCol("scaled").setPredictionCol("churn").setRawPredictionCol("churnScores").setMaxIter(100).setGlobalBatchSize(1000),
]);
rmSync(target, { recursive: true, force: true });
await pipeline.fit(env.fromCollection(rows)).save(target);
console.log(`saved ${target}`);
