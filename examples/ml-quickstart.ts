// ml/ in one page: fit a StandardScaler and score rows with it; then a Pipeline, saved, loaded and served.
import { StreamExecutionEnvironment } from "../runtime/index.js";
import { Pipeline, PipelineModel, PipelineModelServable, type Row, StandardScaler, VectorAssembler, Vectors } from "../ml/index.js";

export async function standardize(): Promise<Row[]> {
  const env = StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(2);
  // Tables are streams of plain rows; vectors are DenseVector / SparseVector values in a column.
  const train = env.fromCollection<Row>([
    { id: 1, features: Vectors.dense(1, 10) },
    { id: 2, features: Vectors.dense(2, 20) },
    { id: 3, features: Vectors.dense(3, 60) },
  ]);
  // fit() and transform() only build the job; executeAndCollect() runs it (training, then scoring).
  const model = new StandardScaler().setInputCol("features").setOutputCol("scaled").setWithMean(true).fit(train);
  const scored = model.transform(env.fromCollection<Row>([{ id: 4, features: Vectors.dense(2, 40) }]))[0]!;
  return scored.executeAndCollect(); // [{ id: 4, features: [2, 40], scaled: [0, 0.378] }]: mean (2, 30), sample std (1, 26.46)
}

export async function pipelineSaveLoadServe(dir: string): Promise<Row | null> {
  const env = StreamExecutionEnvironment.getExecutionEnvironment();
  const rows: Row[] = [{ a: 1, b: 10 }, { a: 2, b: 20 }, { a: 3, b: 60 }];
  const pipeline = new Pipeline([
    new VectorAssembler().setInputCols("a", "b").setInputSizes(1, 1).setOutputCol("features"),
    new StandardScaler().setInputCol("features").setOutputCol("scaled"),
  ]);
  const model = pipeline.fit(env.fromCollection(rows));
  await model.save(dir); // runs the training job; writes <dir>/metadata, <dir>/stages/0, <dir>/stages/1/data/…

  const loaded = await PipelineModel.load(env, dir); // a stream job again: loaded.transform(...)[0].executeAndCollect()
  console.log(loaded.getStages().map((s) => s.className)); // [ 'VectorAssembler', 'StandardScalerModel' ]

  const servable = await PipelineModelServable.load(dir); // no job: scores rows in the calling thread
  return servable.transformRow({ a: 4, b: 0 }); // scaled = (4 / 1, 0 / 26.46) = [4, 0]
}
