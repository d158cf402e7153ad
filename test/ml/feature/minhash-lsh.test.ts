// MinHashLSH: the coefficients and hashes a JVM computes with Flink ML's code (java-random.json, from
// scripts/ml/FlinkRandomOracle.java); Flink ML's own unit-test cases (hashFunction by hand, approxNearestNeighbors
// and approxSimilarityJoin with seed 2022); and the property that a join with many tables finds every pair a
// brute-force Jaccard oracle finds, and nothing else.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test from "ava";
import fc from "fast-check";
import { type DenseVector, MinHashLSH, MinHashLSHModel, type MinHashLSHModelData, PipelineModelServable, type Row, SparseVector, Vectors } from "../../../ml/index.js";
import { jaccardDistance, minHash } from "../../../ml/feature/minhash-lsh/min-hash.js";
import { byId, env, fixture } from "../helpers/oracle.js";

interface MinHashCase { numHashTables: number; numHashFunctionsPerTable: number; seed: number; randCoefficientA: number[]; randCoefficientB: number[]; indices: number[][]; hashes: number[][][] }
const fx = fixture<{ minHash: MinHashCase[]; minHashLshDefaultSeed: number }>("java-random");

const setOf = (indices: readonly number[], n: number) => new SparseVector(n, indices, indices.map(() => 1));
const plainHashes = (hashes: readonly DenseVector[]) => hashes.map((h) => Array.from(h.values));

for (const c of fx.minHash) {
  test(`fit with seed ${c.seed}: Flink ML's coefficients, and the hashes the JVM computes (${c.numHashTables} tables × ${c.numHashFunctionsPerTable})`, async (t) => {
    const n = 2038074742; // the largest index in the fixture is 2038074741
    const e = env(2);
    const rows = c.indices.map((indices, id) => ({ id, vec: setOf(indices, n) }));
    const lsh = new MinHashLSH().setInputCol("vec").setOutputCol("hashes").setNumHashTables(c.numHashTables).setNumHashFunctionsPerTable(c.numHashFunctionsPerTable);
    if (c.seed !== fx.minHashLshDefaultSeed) lsh.setSeed(c.seed);
    else t.is(lsh.getSeed(), c.seed, "the default seed is the hash of Flink ML's class name");
    const model = lsh.fit(e.fromCollection<Row>(rows));
    const [data] = (await model.getModelData()[0]!.executeAndCollect()) as MinHashLSHModelData[];
    t.deepEqual(data!.randCoefficientA, c.randCoefficientA);
    t.deepEqual(data!.randCoefficientB, c.randCoefficientB);
    const out = byId(await model.transform(e.fromCollection<Row>(rows))[0]!.executeAndCollect());
    t.deepEqual(out.map((r) => plainHashes(r["hashes"] as DenseVector[])), c.hashes);
  });
}

test("hashFunction by hand (Flink ML's testHashFunction): a = (0, 1, 3), b = (1, 2, 0) on {2, 3, 5, 7} → 1, 5, 9", (t) => {
  const data: MinHashLSHModelData = { numHashTables: 3, numHashFunctionsPerTable: 1, randCoefficientA: [0, 1, 3], randCoefficientB: [1, 2, 0] };
  // a = 0: every index hashes to b = 1; a = 1: min (1 + i) + 2 = 5 at i = 2; a = 3: min 3 (1 + i) = 9 at i = 2
  t.deepEqual(plainHashes(minHash(data, setOf([2, 3, 5, 7], 10))), [[1], [5], [9]]);
  t.deepEqual(plainHashes(minHash(data, setOf([2, 3, 5, 7], 10).toDense())), [[1], [5], [9]], "a dense vector hashes as the set of its non-zeros");
  t.deepEqual(plainHashes(minHash(data, Vectors.sparse(10, [1, 2, 3], [0, 1, 1]))), [[1], [5], [9]], "a stored zero is not a member");
  t.throws(() => minHash(data, Vectors.sparse(10, [], [])), { message: /at least 1 non-zero entry/ });
});

test("Jaccard distance by hand", (t) => {
  t.is(jaccardDistance(setOf([0, 1, 2], 6), setOf([1, 2, 4], 6)), 0.5); // {1, 2} of {0, 1, 2, 4}
  t.is(jaccardDistance(setOf([0, 1, 2], 6), setOf([3, 4], 6)), 1);
  t.is(jaccardDistance(setOf([3], 6), setOf([3], 6)), 0);
});

const flinkA = (): Row[] => [[0, 1, 2], [2, 3, 4], [0, 2, 4]].map((s, id) => ({ id, vec: setOf(s, 6) }));
const flinkB = (): Row[] => [[1, 3, 5], [2, 3, 5], [1, 2, 4]].map((s, i) => ({ id: i + 3, vec: setOf(s, 6) }));
const flinkLsh = () => new MinHashLSH().setInputCol("vec").setOutputCol("hashes").setSeed(2022).setNumHashTables(5).setNumHashFunctionsPerTable(1);

test("approxNearestNeighbors: Flink ML's test — key {1, 3}, k = 2 → ids 0 and 1 at 0.75", async (t) => {
  const e = env(2);
  const model = flinkLsh().fit(e.fromCollection(flinkA()));
  const out = await model.approxNearestNeighbors(e.fromCollection(flinkA()), setOf([1, 3], 6), 2).executeAndCollect();
  t.deepEqual(byId(out).map((r) => [r["id"], r["distCol"]]), [[0, 0.75], [1, 0.75]]);
  t.true(out.every((r) => Array.isArray(r["hashes"])), "the rows carry their hashes");
});

test("approxNearestNeighbors keeps the k nearest of those in the key's buckets", async (t) => {
  const e = env(3);
  const rows = Array.from({ length: 30 }, (_, id) => ({ id, vec: setOf(Array.from({ length: 1 + (id % 7) }, (_, j) => j * 2), 20) }));
  const key = setOf([0, 2, 4], 20);
  const model = new MinHashLSH().setInputCol("vec").setNumHashTables(20).setSeed(5).fit(e.fromCollection<Row>(rows));
  const out = await model.approxNearestNeighbors(e.fromCollection<Row>(rows), key, 5, "d").executeAndCollect();
  // brute force: the sets of size 3 equal the key (distance 0, ids 2, 9, 16, 23), then size 4 at 1/4 (ids 3, 10, …);
  // with 20 tables those share a bucket with the key
  const expected = rows.map((r) => jaccardDistance(key, r.vec)).sort((a, b) => a - b).slice(0, 5);
  t.deepEqual(expected, [0, 0, 0, 0, 0.25]);
  t.deepEqual(out.map((r) => r["d"] as number).sort((a, b) => a - b), expected);
  t.deepEqual(byId(out).filter((r) => r["d"] === 0).map((r) => r["id"]), [2, 9, 16, 23]);
});

test("approxSimilarityJoin: Flink ML's test — threshold 0.6 gives (1,4), (0,5), (1,5), (2,5) at 0.5", async (t) => {
  const e = env(2);
  const model = flinkLsh().fit(e.fromCollection(flinkA()));
  const out = await model.approxSimilarityJoin(e.fromCollection(flinkA()), e.fromCollection(flinkB()), 0.6, "id").executeAndCollect();
  const pairs = out.map((r) => [r["datasetA.id"], r["datasetB.id"], r["distCol"]] as [number, number, number]).sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  t.deepEqual(pairs, [[0, 5, 0.5], [1, 4, 0.5], [1, 5, 0.5], [2, 5, 0.5]]);
});

test("property: with 40 tables the join finds exactly the pairs a brute-force Jaccard oracle finds below the threshold", async (t) => {
  const sets = fc.uniqueArray(fc.integer({ min: 0, max: 11 }), { minLength: 1, maxLength: 8 });
  await fc.assert(
    fc.asyncProperty(fc.array(sets, { minLength: 1, maxLength: 12 }), fc.array(sets, { minLength: 1, maxLength: 12 }), fc.constantFrom(0.3, 0.5, 0.6), fc.integer(), async (a, b, threshold, seed) => {
      const e = env(2);
      const rowsA = a.map((s, id) => ({ id, vec: setOf(s, 12) }));
      const rowsB = b.map((s, id) => ({ id: 100 + id, vec: setOf(s, 12) }));
      const model = new MinHashLSH().setInputCol("vec").setNumHashTables(40).setSeed(seed).fit(e.fromCollection<Row>(rowsA));
      const out = await model.approxSimilarityJoin(e.fromCollection<Row>(rowsA), e.fromCollection<Row>(rowsB), threshold, "id").executeAndCollect();
      const found = out.map((r) => `${r["datasetA.id"]}-${r["datasetB.id"]}:${r["distCol"]}`).sort();
      const expected = rowsA.flatMap((x) => rowsB.flatMap((y) => {
        const d = jaccardDistance(x.vec, y.vec);
        return d <= threshold ? [`${x.id}-${y.id}:${d}`] : [];
      })).sort();
      // similarity ≥ 0.4 meets in one table with probability ≥ 0.4; missing it in all 40: 0.6^40 ≈ 1.3e-9 per pair
      return JSON.stringify(found) === JSON.stringify(expected);
    }),
    { numRuns: 25, seed: 20261205 },
  );
  t.pass();
});

test("params: Flink ML's defaults and validation; vectors of different sizes fail the fit", async (t) => {
  const lsh = new MinHashLSH();
  t.is(lsh.getNumHashTables(), 1);
  t.is(lsh.getNumHashFunctionsPerTable(), 1);
  t.is(lsh.getSeed(), fx.minHashLshDefaultSeed);
  t.throws(() => lsh.setNumHashTables(0), { message: /'numHashTables' is given an invalid value 0: it must be >= 1/ });
  const e = env();
  const model = new MinHashLSH().fit(e.fromCollection<Row>([{ input: setOf([1], 3) }, { input: setOf([1], 4) }]));
  await t.throwsAsync(model.getModelData()[0]!.executeAndCollect(), { message: /vector sizes are not the same: 3 and 4/ });
});

test("save, load and serve: the loaded model hashes as the fitted one", async (t) => {
  const path = join(mkdtempSync(join(tmpdir(), "eddy-minhash-")), "model");
  const e = env();
  const model = flinkLsh().fit(e.fromCollection(flinkA()));
  const before = byId(await model.transform(e.fromCollection(flinkA()))[0]!.executeAndCollect());
  await model.save(path);
  const servable = await PipelineModelServable.load(path);
  t.deepEqual(servable.transform(flinkA()).map((r) => plainHashes(r["hashes"] as DenseVector[])), before.map((r) => plainHashes(r["hashes"] as DenseVector[])));
  const e2 = env();
  const loaded = await MinHashLSHModel.load(e2, path);
  const pairs = await loaded.approxSimilarityJoin(e2.fromCollection(flinkA()), e2.fromCollection(flinkB()), 0.6, "id").executeAndCollect();
  t.is(pairs.length, 4);
});
