// StringIndexer / IndexToStringModel, Bucketizer, VectorAssembler and Interaction against Python oracles and
// hand-computed rows.
import test from "ava";
import { Bucketizer, IndexToStringModel, Interaction, type Row, StringIndexer, type StringIndexerModelData, VectorAssembler, Vectors } from "../../../ml/index.js";
import { assertClose, byId, column, env, fixture } from "../helpers/oracle.js";

async function run(stage: { transform(...s: any[]): any[] }, rows: Row[], parallelism = 1): Promise<Row[]> {
  const e = env(parallelism);
  return byId(await stage.transform(e.fromCollection(rows))[0]!.executeAndCollect());
}

const labels = fixture("string-indexer");
const labelRows: Row[] = labels.input.map((s: string, id: number) => ({ id, s }));

test("StringIndexer orders strings by frequency (ties alphabetically) and alphabet, as the oracle counts", async (t) => {
  for (const [order, key, stringsKey] of [
    ["frequencyDesc", "frequencyDesc", "frequencyDescStrings"],
    ["alphabetAsc", "alphabetAsc", null],
  ] as const) {
    const e = env(2);
    const model = new StringIndexer().setInputCols("s").setOutputCols("i").setStringOrderType(order).fit(e.fromCollection(labelRows));
    const out = byId(await model.transform(e.fromCollection(labelRows))[0]!.executeAndCollect());
    t.deepEqual(column(out, "i"), labels[key], order);
    if (stringsKey !== null) {
      const [data] = (await model.getModelData()[0]!.executeAndCollect()) as StringIndexerModelData[];
      t.deepEqual(data!.stringArrays, [labels[stringsKey]]);
    }
  }
  for (const [order, key] of [["alphabetDesc", "alphabetDescStrings"], ["frequencyAsc", "frequencyAscStrings"]] as const) {
    const e = env();
    const model = new StringIndexer().setInputCols("s").setOutputCols("i").setStringOrderType(order).fit(e.fromCollection(labelRows));
    const [data] = (await model.getModelData()[0]!.executeAndCollect()) as StringIndexerModelData[];
    t.deepEqual(data!.stringArrays, [labels[key]], order);
  }
});

test("StringIndexer handles unseen strings by handleInvalid; maxIndexNum keeps the most frequent", async (t) => {
  const e = env();
  const train: Row[] = ["a", "a", "a", "b", "b", "c"].map((s) => ({ s }));
  const fit = () => new StringIndexer().setInputCols("s").setOutputCols("i").setStringOrderType("frequencyDesc");
  const keep = fit().setHandleInvalid("keep").fit(e.fromCollection(train));
  t.deepEqual((await keep.transform(e.fromCollection<Row>([{ s: "a" }, { s: "z" }]))[0]!.executeAndCollect()).map((r) => r["i"]), [0, 3]);
  const skip = fit().setHandleInvalid("skip").fit(e.fromCollection(train));
  t.deepEqual((await skip.transform(e.fromCollection<Row>([{ s: "z" }, { s: "b" }]))[0]!.executeAndCollect()).map((r) => r["i"]), [1]);
  const error = fit().fit(e.fromCollection(train));
  await t.throwsAsync(error.transform(e.fromCollection<Row>([{ s: "z" }]))[0]!.executeAndCollect(), { message: /holds 'z', which training did not see/ });
  const top = fit().setMaxIndexNum(2).setHandleInvalid("keep").fit(e.fromCollection(train));
  t.deepEqual((await top.transform(e.fromCollection<Row>([{ s: "a" }, { s: "b" }, { s: "c" }]))[0]!.executeAndCollect()).map((r) => r["i"]), [0, 1, 1]);
  t.throws(() => new StringIndexer().setInputCols("s").setOutputCols("i").setMaxIndexNum(3).fit(e.fromCollection(train)), { message: /maxIndexNum only works with stringOrderType 'frequencyDesc'/ });
});

test("IndexToStringModel maps indices back to the indexer's strings", async (t) => {
  const e = env();
  const indexer = new StringIndexer().setInputCols("s").setOutputCols("i").setStringOrderType("alphabetAsc").fit(e.fromCollection(labelRows));
  const back = new IndexToStringModel().setInputCols("i").setOutputCols("back").setModelData(...indexer.getModelData());
  const out = byId(await back.transform(indexer.transform(e.fromCollection(labelRows))[0]!)[0]!.executeAndCollect());
  t.deepEqual(column(out, "back"), labels.input);
});

test("Bucketizer puts values in [s_i, s_i+1), the last split in the last bucket, as numpy.digitize does", async (t) => {
  const fx = fixture("bucketizer");
  const rows: Row[] = fx.input.map((x: number, id: number) => ({ id, x }));
  const out = await run(new Bucketizer().setInputCols("x").setOutputCols("b").setSplitsArray([fx.splits]), rows);
  t.deepEqual(column(out, "b"), fx.output);
});

test("Bucketizer: values outside the splits and NaN follow handleInvalid", async (t) => {
  const rows: Row[] = [{ id: 0, x: -5 }, { id: 1, x: 0.2 }, { id: 2, x: NaN }];
  const stage = () => new Bucketizer().setInputCols("x").setOutputCols("b").setSplitsArray([[0, 1, 2]]);
  t.deepEqual(column(await run(stage().setHandleInvalid("keep"), rows), "b"), [2, 0, 2]);
  t.deepEqual(column(await run(stage().setHandleInvalid("skip"), rows), "b"), [0]);
  await t.throwsAsync(run(stage(), rows), { message: /column 'x' holds -5, outside the splits \[0, 1, 2\]/ });
  t.throws(() => stage().setSplitsArray([[0, 0, 1]]), { message: /strictly increasing/ });
});

test("VectorAssembler concatenates numbers and vectors, dense or sparse by Flink ML's ratio", async (t) => {
  const stage = new VectorAssembler().setInputCols("a", "v", "s").setInputSizes(1, 2, 4).setOutputCol("out");
  const out = await run(stage, [
    { id: 0, a: 1, v: Vectors.dense(2, 3), s: Vectors.sparse(4, [1], [4]) },
    { id: 1, a: 0, v: Vectors.sparse(2, [], []), s: Vectors.sparse(4, [3], [9]) },
    { id: 2, a: 1, v: Vectors.dense(2, 3), s: Vectors.sparse(4, [0, 1, 2], [7, 8, 9]) },
  ]);
  // candidates: a number counts 1, a dense vector its size, a sparse one its stored entries; dense when 1.5 · nnz > size
  t.deepEqual(out[0]!["out"], Vectors.sparse(7, [0, 1, 2, 4], [1, 2, 3, 4]), "1 + 2 + 1 = 4 candidates: 6 <= 7, sparse");
  t.deepEqual(out[1]!["out"], Vectors.sparse(7, [0, 6], [0, 9]), "1 + 0 + 1 = 2 candidates, the stored 0 of 'a' kept");
  t.deepEqual(out[2]!["out"], Vectors.dense(1, 2, 3, 7, 8, 9, 0), "1 + 2 + 3 = 6 candidates: 9 > 7, dense");
});

test("VectorAssembler: null values and wrong sizes follow handleInvalid", async (t) => {
  const rows: Row[] = [{ id: 0, a: null, v: Vectors.dense(1, 2) }, { id: 1, a: 5, v: Vectors.dense(1) }, { id: 2, a: 1, v: Vectors.dense(3, 4) }];
  const stage = () => new VectorAssembler().setInputCols("a", "v").setInputSizes(1, 2);
  t.deepEqual(column(await run(stage().setHandleInvalid("skip"), rows), "output"), [[1, 3, 4]]);
  const kept = column(await run(stage().setHandleInvalid("keep"), rows), "output") as number[][];
  t.true(Number.isNaN(kept[0]![0]));
  t.deepEqual(kept.slice(1), [[5, 1], [1, 3, 4]]);
  await t.throwsAsync(run(stage(), rows), { message: /column 'a' is null — fix the input or set handleInvalid/ });
});

test("Interaction is the Kronecker product of the columns, first column slowest (numpy.kron)", async (t) => {
  const fx = fixture("interaction");
  const rows: Row[] = fx.a.map((a: number[], id: number) => ({ id, a: Vectors.denseOf(a), c: fx.c[id], b: Vectors.denseOf(fx.b[id]) }));
  const out = await run(new Interaction().setInputCols("a", "c", "b"), rows, 2);
  assertClose(t, column(out, "output"), fx.output, 1e-12);
  const sparse = await run(new Interaction().setInputCols("x", "y"), [{ id: 0, x: Vectors.sparse(3, [2], [2]), y: Vectors.dense(1, 5) }]);
  t.deepEqual(sparse[0]!["output"], Vectors.sparse(6, [4, 5], [2, 10]));
});
