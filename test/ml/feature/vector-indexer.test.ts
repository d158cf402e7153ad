// VectorIndexer against hand-computed expectations (scikit-learn has no such stage); the cases are Flink ML's own
// VectorIndexerTest, worked out below by its documented rule: categories in ascending order, 0.0 first.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test from "ava";
import { PipelineModelServable, type Row, type Vector, VectorIndexer, VectorIndexerModel, type VectorIndexerModelData, Vectors } from "../../../ml/index.js";
import { column, env } from "../helpers/oracle.js";

// feature 0 takes 5 values (continuous when maxCategories = 3); feature 1 takes {-1, 0, 1} → 0 ↦ 0, -1 ↦ 1, 1 ↦ 2
const train = (): Row[] => [[1, 1], [2, -1], [3, 1], [4, 0], [5, 0]].map(([a, b]) => ({ input: Vectors.dense(a!, b!) }));
const testRows = (): Row[] => [[0, 2], [0, 0], [0, -1]].map(([a, b], id) => ({ id, input: Vectors.dense(a!, b!) }));

async function indexed(indexer: VectorIndexer, rows = testRows(), parallelism = 2): Promise<Row[]> {
  const e = env(parallelism);
  const model = indexer.fit(e.fromCollection(train()));
  return (await model.transform(e.fromCollection(rows))[0]!.executeAndCollect()).sort((a, b) => (a["id"] as number) - (b["id"] as number));
}

test("the category maps: ascending values, 0.0 moved to index 0; features with > maxCategories values are left out", async (t) => {
  const e = env(3);
  const model = new VectorIndexer().setMaxCategories(3).fit(e.fromCollection(train()));
  const [data] = (await model.getModelData()[0]!.executeAndCollect()) as VectorIndexerModelData[];
  t.deepEqual([...data!.categoryMaps.keys()], [1]);
  t.deepEqual([...data!.categoryMaps.get(1)!], [[0, 0], [-1, 1], [1, 2]]);
});

test("handleInvalid 'keep' gives an unseen value the index after the last category (Flink ML: (0, 3), (0, 0), (0, 1))", async (t) => {
  t.deepEqual(column(await indexed(new VectorIndexer().setMaxCategories(3).setHandleInvalid("keep")), "output"), [[0, 3], [0, 0], [0, 1]]);
});

test("handleInvalid 'skip' drops the row with the unseen value", async (t) => {
  t.deepEqual(column(await indexed(new VectorIndexer().setMaxCategories(3).setHandleInvalid("skip")), "output"), [[0, 0], [0, 1]]);
});

test("handleInvalid 'error' fails naming the unseen value and the param", async (t) => {
  await t.throwsAsync(indexed(new VectorIndexer().setMaxCategories(3)), { message: /unseen double: 2 \(feature 1 of column 'input'\)\. See the handleInvalid parameter/ });
});

test("with a large maxCategories both features are categorical (Flink ML: (5, 3), (5, 0), (5, 1))", async (t) => {
  // feature 0: {1, 2, 3, 4, 5} → 0…4, and 0 is unseen → 5 with 'keep'
  t.deepEqual(column(await indexed(new VectorIndexer().setMaxCategories(2 ** 31 - 1).setHandleInvalid("keep")), "output"), [[5, 3], [5, 0], [5, 1]]);
});

test("sparse input stays sparse (Flink ML's sparse case: (0, 2) → (0, 3))", async (t) => {
  const e = env();
  const sparseTrain: Row[] = [[[0], [1]], [[0, 1], [2, -1]], [[0, 1], [3, 1]], [[0], [4]], [[0], [5]]].map(([i, v]) => ({ input: Vectors.sparse(2, i!, v!) }));
  const model = new VectorIndexer().setHandleInvalid("keep").setMaxCategories(3).fit(e.fromCollection(sparseTrain));
  const [row] = await model.transform(e.fromCollection<Row>([{ input: Vectors.sparse(2, [0, 1], [0, 2]) }]))[0]!.executeAndCollect();
  const out = row!["output"] as Vector;
  t.is(out.kind, "sparse");
  t.deepEqual(Array.from(out.toDense().values), [0, 3]);
});

test("NaN is a category of its own, sorted after every number (Java's order)", async (t) => {
  const e = env();
  const rows: Row[] = [NaN, 3, 0, -2].map((v) => ({ input: Vectors.dense(v) }));
  const model = new VectorIndexer().fit(e.fromCollection(rows));
  const [data] = (await model.getModelData()[0]!.executeAndCollect()) as VectorIndexerModelData[];
  t.deepEqual([...data!.categoryMaps.get(0)!], [[0, 0], [-2, 1], [3, 2], [NaN, 3]]);
});

test("params: Flink ML's defaults and validation; vectors of different sizes fail", async (t) => {
  const v = new VectorIndexer();
  t.is(v.getMaxCategories(), 20);
  t.is(v.getHandleInvalid(), "error");
  t.is(v.getInputCol(), "input");
  t.throws(() => v.setMaxCategories(1), { message: /'maxCategories' is given an invalid value 1: it must be >= 2/ });
  const e = env();
  const model = new VectorIndexer().fit(e.fromCollection<Row>([{ input: Vectors.dense(1) }, { input: Vectors.dense(1, 2) }]));
  await t.throwsAsync(model.getModelData()[0]!.executeAndCollect(), { message: /size of all input vectors should be the same/ });
});

test("save, load and serve: the category maps survive (Flink ML's save/load case: (5, 3), (5, 0), (5, 1))", async (t) => {
  const path = join(mkdtempSync(join(tmpdir(), "eddy-vindexer-")), "model");
  const e = env();
  await new VectorIndexer().setHandleInvalid("keep").fit(e.fromCollection(train())).save(path);
  const e2 = env();
  const loaded = await VectorIndexerModel.load(e2, path);
  t.is(loaded.getHandleInvalid(), "keep");
  const out = (await loaded.transform(e2.fromCollection(testRows()))[0]!.executeAndCollect()).sort((a, b) => (a["id"] as number) - (b["id"] as number));
  t.deepEqual(column(out, "output"), [[5, 3], [5, 0], [5, 1]]);
  const servable = await PipelineModelServable.load(path);
  t.deepEqual(column(servable.transform(testRows()), "output"), [[5, 3], [5, 0], [5, 1]]);
});
