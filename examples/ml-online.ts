// Online learning in one page: OnlineLogisticRegression trains on a stream, one model version per global mini-batch,
// while the model scores another stream with the newest version it has received.
import { GeneratorSource, StreamExecutionEnvironment, WatermarkStrategy } from "../runtime/index.js";
import { OnlineLogisticRegression, type OnlineLogisticRegressionModelData, type Row, Vectors } from "../ml/index.js";

/** Click i: a score a, its complement, and a constant 1 (the models have no intercept); odd clicks have a > 0.7, even ones a < 0.3. */
const click = (i: number): Row => {
  const label = i % 2;
  const a = label === 1 ? 0.7 + ((i * 37) % 30) / 100 : 0.3 - ((i * 37) % 30) / 100;
  return { id: i, features: Vectors.dense(a, 1 - a, 1), label };
};

export async function trainAndScore(): Promise<{ versions: number[]; scored: Row[] }> {
  const env = StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(2);
  // Unbounded in production (count Infinity); 1000 clicks here so the example ends.
  const clicks = env.fromSource(new GeneratorSource(click, 1000), WatermarkStrategy.noWatermarks<Row>(), "clicks");
  const model = new OnlineLogisticRegression()
    .setGlobalBatchSize(100) // 50 rows from each of the 2 subtasks form a global mini-batch
    .setAlpha(0.5)
    .setInitialModelData(env.fromCollection([{ coefficient: Vectors.dense(0, 0, 0) }]))
    .fit(clicks);

  // The model data is a stream of versions; so is the scoring: each row gets the newest version received.
  const versions: number[] = [];
  model.getModelData()[0]!.sinkTo((m: OnlineLogisticRegressionModelData) => versions.push(m.modelVersion), "versions");
  const requests = env.fromCollection([{ id: -1, features: Vectors.dense(0.9, 0.1, 1) }]);
  const scored = await model.transform(requests)[0]!.executeAndCollect("online logistic regression"); // one job: training and scoring
  return { versions: versions.sort((x, y) => x - y), scored }; // versions 1…10; the request: prediction 1 and the modelVersion that scored it
}
