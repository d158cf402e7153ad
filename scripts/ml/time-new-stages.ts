// Ad-hoc timing of the per-record paths of the issue-14 stages (not a bench/ family): JavaRandom.nextDouble
// (RandomSplitter), MinHash, the SQL evaluator and KBins' binOf, each in a plain loop in one thread. Run: npx tsx scripts/ml/time-new-stages.ts
import { JavaRandom } from "../../ml/common/java-random.js";
import { minHash, generateModelData } from "../../ml/feature/minhash-lsh/min-hash.js";
import { compileSelect } from "../../ml/feature/sql-transformer/evaluate.js";
import { binOf } from "../../ml/feature/kbins-discretizer/bin-edges.js";
import { Vectors } from "../../ml/index.js";

function time(name: string, n: number, f: (i: number) => unknown): void {
  for (let i = 0; i < n / 10; i++) f(i);
  const t0 = process.hrtime.bigint();
  let sink = 0;
  for (let i = 0; i < n; i++) if (f(i) !== undefined) sink++;
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(`${name}: ${(n / s / 1e6).toFixed(2)} M/s (${sink})`);
}
const r = new JavaRandom(7);
time("JavaRandom.nextDouble", 20_000_000, () => r.nextDouble());
const data = generateModelData(5, 2, 1000, 7);
const v = Vectors.sparse(1000, [1, 17, 99, 500, 731, 998], [1, 1, 1, 1, 1, 1]);
time("minHash (6 non-zeros, 5 tables x 2)", 1_000_000, () => minHash(data, v));
const sql = compileSelect("SELECT a, a + b * 2 AS c, SQRT(b) AS d FROM __THIS__ WHERE a > 0");
const row = { a: 3, b: 4 };
time("SQL row (3 items + WHERE)", 5_000_000, () => sql(row));
const edges = [0, 1, 2, 3, 4, 5];
time("KBins binOf (5 bins)", 20_000_000, (i) => binOf(edges, (i % 600) / 100));
