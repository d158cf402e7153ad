// Graph / GraphModel / GraphBuilder: a graph gives what its stages give when applied by hand (the independent
// expectation), for chains, DAGs with several inputs and outputs, and model data passed in and out; and a Graph and a
// fitted GraphModel round-trip through save/load in Flink ML's layout.
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test from "ava";
import {
  Graph, GraphBuilder, GraphModel, loadStage, MinMaxScaler, Normalizer, RandomSplitter, type Row, StandardScaler, StandardScalerModel, type StandardScalerModelData, VectorAssembler,
} from "../../../ml/index.js";
import { byId, column, env, vectorRows } from "../helpers/oracle.js";

const train = vectorRows([[1, 10], [2, 0], [4, 5], [7, -3], [3, 3]]);
const score = vectorRows([[0, 0], [3, 3], [8, 8], [-1, 2]]);
const dir = () => mkdtempSync(join(tmpdir(), "eddy-graph-"));

/** StandardScaler (estimator) → Normalizer (transformer), the chain the tests build as a graph. */
function scalerThenNormalizer(builder: GraphBuilder) {
  const input = builder.createTableId();
  const scaler = new StandardScaler().setWithMean(true).setOutputCol("scaled");
  const [scaled] = builder.addEstimator(scaler, [input]);
  const normalizer = new Normalizer().setInputCol("scaled").setOutputCol("unit").setP(1);
  const [normalized] = builder.addAlgoOperator(normalizer, scaled!);
  return { input, scaled: scaled!, normalized: normalized!, scaler };
}

async function byHand(): Promise<Row[]> {
  const e = env(2);
  const model = new StandardScaler().setWithMean(true).setOutputCol("scaled").fit(e.fromCollection(train));
  const [scaled] = model.transform(e.fromCollection(score));
  const [unit] = new Normalizer().setInputCol("scaled").setOutputCol("unit").setP(1).transform(scaled!);
  return byId(await unit!.executeAndCollect());
}

test("a Graph of an estimator and a transformer equals the stages applied by hand", async (t) => {
  const builder = new GraphBuilder();
  const { input, normalized } = scalerThenNormalizer(builder);
  const graph = builder.buildEstimator([input], [normalized]);
  const e = env(2);
  const model = graph.fit(e.fromCollection(train));
  t.deepEqual(model.getStages().map((s) => s!.className), ["StandardScalerModel", "Normalizer"]);
  const out = byId(await model.transform(e.fromCollection(score))[0]!.executeAndCollect());
  const expected = await byHand();
  t.deepEqual(column(out, "unit"), column(expected, "unit"));
  t.deepEqual(column(out, "scaled"), column(expected, "scaled"));
});

test("buildModel: the estimator fits inside transform; the estimator may fit on one table and transform another", async (t) => {
  const builder = new GraphBuilder();
  const trainId = builder.createTableId();
  const scoreId = builder.createTableId();
  const [scaled] = builder.addEstimator(new StandardScaler().setWithMean(true).setOutputCol("scaled"), [trainId], [scoreId]);
  const [unit] = builder.addAlgoOperator(new Normalizer().setInputCol("scaled").setOutputCol("unit").setP(1), scaled!);
  const model = builder.buildModel([trainId, scoreId], [unit!]);
  const e = env(2);
  const out = byId(await model.transform(e.fromCollection(train), e.fromCollection(score))[0]!.executeAndCollect());
  t.deepEqual(column(out, "unit"), column(await byHand(), "unit"));
});

test("a DAG with two branches and two outputs: a splitter's tables go to different stages", async (t) => {
  const builder = new GraphBuilder();
  const input = builder.createTableId();
  const [first, second] = builder.addAlgoOperator(new RandomSplitter().setWeights(1, 1).setSeed(3), input);
  const [normalized] = builder.addAlgoOperator(new Normalizer().setOutputCol("n").setP(2), first!);
  const [assembled] = builder.addAlgoOperator(new VectorAssembler().setInputCols("input").setInputSizes(2).setOutputCol("a"), second!);
  const graph = builder.buildAlgoOperator([input], [normalized!, assembled!]);
  const rows = vectorRows(Array.from({ length: 40 }, (_, i) => [i + 1, i % 3]));
  const e = env(2);
  const [n, a] = graph.transform(e.fromCollection(rows));
  const seenN: Row[] = [];
  const seenA: Row[] = [];
  n!.sinkTo((r: Row) => void seenN.push(r));
  a!.sinkTo((r: Row) => void seenA.push(r));
  await e.execute();
  // by hand: the same splitter (same seed, same parallelism, same order) and the same stages
  const e2 = env(2);
  const [h1, h2] = new RandomSplitter().setWeights(1, 1).setSeed(3).transform(e2.fromCollection(rows));
  const handN: Row[] = [];
  const handA: Row[] = [];
  new Normalizer().setOutputCol("n").setP(2).transform(h1!)[0]!.sinkTo((r: Row) => void handN.push(r));
  new VectorAssembler().setInputCols("input").setInputSizes(2).setOutputCol("a").transform(h2!)[0]!.sinkTo((r: Row) => void handA.push(r));
  await e2.execute();
  t.deepEqual(column(byId(seenN), "n"), column(byId(handN), "n"));
  t.deepEqual(column(byId(seenA), "a"), column(byId(handA), "a"));
  t.is(seenN.length + seenA.length, 40);
  t.true(seenN.length > 0 && seenA.length > 0);
});

test("model data out of a graph (getModelDataFromEstimator) and into one (setModelDataOnModel)", async (t) => {
  // graph 1 publishes the fitted scaler's model data
  const b1 = new GraphBuilder();
  const { input, normalized, scaler } = scalerThenNormalizer(b1);
  const modelData = b1.getModelDataFromEstimator(scaler);
  const graph = b1.buildEstimator([input], [normalized], { outputModelData: [modelData[0]!] });
  const e = env();
  const fitted = graph.fit(e.fromCollection(train));
  fitted.transform(e.fromCollection(score));
  const [data] = (await fitted.getModelData()[0]!.executeAndCollect()) as StandardScalerModelData[];
  const [direct] = (await new StandardScaler().setWithMean(true).fit(env().fromCollection(train)).getModelData()[0]!.executeAndCollect()) as StandardScalerModelData[];
  t.deepEqual(Array.from(data!.mean.values), Array.from(direct!.mean.values));

  // graph 2 takes a model's data as a graph input
  const b2 = new GraphBuilder();
  const rowsId = b2.createTableId();
  const dataId = b2.createTableId();
  const model = new StandardScalerModel().setWithMean(true).setOutputCol("scaled");
  const [scaled] = b2.addAlgoOperator(model, rowsId);
  b2.setModelDataOnModel(model, dataId);
  const graphModel = b2.buildModel([rowsId], [scaled!], { inputModelData: [dataId] });
  const e2 = env();
  graphModel.setModelData(e2.fromCollection([direct!]));
  const out = byId(await graphModel.transform(e2.fromCollection(score))[0]!.executeAndCollect());
  t.deepEqual(column(out, "scaled"), column(await byHand(), "scaled"));
});

test("a Graph and a fitted GraphModel round-trip through save/load in Flink ML's layout", async (t) => {
  const builder = new GraphBuilder();
  const { input, normalized } = scalerThenNormalizer(builder);
  const graph = builder.buildEstimator([input], [normalized]);
  const graphPath = join(dir(), "graph");
  await graph.save(graphPath);
  const metadata = JSON.parse(readFileSync(join(graphPath, "metadata"), "utf8"));
  t.is(metadata.className, "Graph");
  t.deepEqual(metadata.graphData.nodes.map((n: { stageType: string }) => n.stageType), ["ESTIMATOR", "ALGO_OPERATOR"]);
  t.deepEqual(readdirSync(join(graphPath, "stages")), ["0", "1"]);
  const loadedGraph = await Graph.load(env(), graphPath);

  const e = env(2);
  const model = loadedGraph.fit(e.fromCollection(train));
  const modelPath = join(dir(), "model");
  await model.save(modelPath);
  const e2 = env();
  const loaded = (await loadStage(e2, modelPath)) as GraphModel;
  t.true(loaded instanceof GraphModel);
  t.deepEqual(loaded.getStages().map((s) => s!.className), ["StandardScalerModel", "Normalizer"]);
  const out = byId(await loaded.transform(e2.fromCollection(score))[0]!.executeAndCollect());
  t.deepEqual(column(out, "unit"), column(await byHand(), "unit"));
});

test("errors say what is wrong: unknown tables, a stage added twice, model data set twice, wrong table counts", (t) => {
  const builder = new GraphBuilder();
  const input = builder.createTableId();
  const dangling = builder.createTableId();
  const scaler = new MinMaxScaler();
  builder.addEstimator(scaler, [input]);
  t.throws(() => builder.addEstimator(scaler, [input]), { message: /has already been added/ });
  const normalizer = new Normalizer();
  const [out] = builder.addAlgoOperator(normalizer, dangling);
  t.throws(() => builder.setModelDataOnModel(new StandardScalerModel(), input), { message: /the Model has not been added/ });
  t.throws(() => builder.getModelDataFromModel(scaler as never), { message: /previously added as an Estimator/ });
  builder.getModelDataFromEstimator(scaler);
  t.throws(() => builder.getModelDataFromEstimator(scaler), { message: /already been fetched/ });
  const graph = builder.buildEstimator([input], [out!]);
  const e = env();
  t.throws(() => graph.fit(), { message: /0 tables given, the graph expects 1/ });
  t.throws(() => graph.fit(e.fromCollection(train)), { message: /no table can ever reach Normalizer \(node 1\)/ });
});
