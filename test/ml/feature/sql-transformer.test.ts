// SQLTransformer over Eddy's SELECT evaluator, against hand-computed rows: Flink ML's documented examples,
// precedence, SQL's NULL rules and three-valued logic, functions and CAST, and located errors with a caret.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test from "ava";
import { PipelineModelServable, type Row, SQLTransformer, Vectors } from "../../../ml/index.js";
import { env } from "../helpers/oracle.js";

const rows: Row[] = [
  { id: 0, a: 1, b: 4, s: "x" },
  { id: 1, a: 6, b: 9, s: "Yz" },
  { id: 2, a: 8, b: null, s: null },
];

async function run(statement: string, input: Row[] = rows): Promise<Row[]> {
  const e = env(2);
  const out = await new SQLTransformer().setStatement(statement).transform(e.fromCollection(input))[0]!.executeAndCollect();
  return out.sort((x, y) => ((x["id"] as number) ?? 0) - ((y["id"] as number) ?? 0));
}

const single = (statement: string) => new SQLTransformer().setStatement(statement).transformRow({ id: 0, a: 1, b: 4, s: "x", n: null });

test("Flink ML's examples: SELECT a, a + b AS a_b and SELECT a, SQRT(b) AS b_sqrt … WHERE a > 5", async (t) => {
  t.deepEqual(await run("SELECT id, a, a + b AS a_b FROM __THIS__"), [{ id: 0, a: 1, a_b: 5 }, { id: 1, a: 6, a_b: 15 }, { id: 2, a: 8, a_b: null }]);
  t.deepEqual(await run("SELECT id, a, SQRT(b) AS b_sqrt FROM __THIS__ where a > 5"), [{ id: 1, a: 6, b_sqrt: 3 }, { id: 2, a: 8, b_sqrt: null }]);
});

test("precedence and associativity of arithmetic", (t) => {
  t.deepEqual(single("SELECT 1 + 2 * 3 AS x, (1 + 2) * 3 AS y, -2 * -3 AS z, 7 % 4 AS m, 2 - 3 - 4 AS l, 12 / 3 / 2 AS d, 7 / 2 AS half FROM __THIS__"), {
    x: 7, y: 9, z: 6, m: 3, l: -5, d: 2, half: 3.5,
  });
  t.deepEqual(single("SELECT a + b * 2 > 8 AND NOT a = 2 OR FALSE AS p FROM __THIS__"), { p: true }); // (1 + 8 > 8) AND NOT FALSE
});

test("NULL propagates; AND, OR and NOT follow three-valued logic; WHERE keeps only TRUE", async (t) => {
  t.deepEqual(single("SELECT n + 1 AS x, n = n AS e, n IS NULL AS i, a IS NOT NULL AS j FROM __THIS__"), { x: null, e: null, i: true, j: true });
  t.deepEqual(single("SELECT NULL OR TRUE AS a1, NULL OR FALSE AS a2, NULL AND FALSE AS a3, NULL AND TRUE AS a4, NOT NULL AS a5 FROM __THIS__"), {
    a1: true, a2: null, a3: false, a4: null, a5: null,
  });
  t.deepEqual((await run("SELECT id FROM __THIS__ WHERE b > 5 OR s = 'x'")).map((r) => r["id"]), [0, 1]); // row 2: NULL OR NULL → dropped
  t.deepEqual((await run("SELECT id FROM __THIS__ WHERE NOT (b > 5)")).map((r) => r["id"]), [0]); // NOT NULL is NULL → row 2 dropped
});

test("functions and CAST", (t) => {
  t.deepEqual(
    single("SELECT ABS(-2) AS abs, POWER(2, 10) AS pow, ROUND(LN(EXP(3)), 6) AS ln, UPPER(s) AS up, LOWER('AbC') AS low, CONCAT('<', s, '>') AS cat, s || '!' AS bang, MOD(-7, 3) AS md FROM __THIS__"),
    { abs: 2, pow: 1024, ln: 3, up: "X", low: "abc", cat: "<x>", bang: "x!", md: -1 },
  );
  t.deepEqual(
    single("SELECT CAST('2.5' AS DOUBLE) + 1 AS d, CAST(2.7 AS INT) AS i, CAST(-2.7 AS INT) AS j, CAST(a AS STRING) AS str, CAST('true' AS BOOLEAN) AS bool, ROUND(-2.5) AS r, ROUND(2.345, 2) AS r2, COALESCE(n, b, 7) AS c, CONCAT(s, n) AS cn FROM __THIS__"),
    { d: 3.5, i: 2, j: -2, str: "1", bool: true, r: -3, r2: 2.35, c: 4, cn: null },
  );
});

test("* selects every column; an unnamed expression is called EXPR$<position>", (t) => {
  t.deepEqual(single("SELECT *, a * 2 FROM __THIS__"), { id: 0, a: 1, b: 4, s: "x", n: null, EXPR$1: 2 });
  t.deepEqual(single("select a plain, `a` AS quoted FROM __THIS__;"), { plain: 1, quoted: 1 });
  const v = Vectors.dense(1, 2);
  t.is(new SQLTransformer().setStatement("SELECT features FROM __THIS__").transformRow({ features: v })!["features"], v, "other values pass through");
});

test("a bad statement fails at transform with its position and a caret", (t) => {
  const error = t.throws(() => new SQLTransformer().setStatement("SELECT a, , b FROM __THIS__").transform(env().fromCollection(rows)));
  t.is(error!.message, "SQLTransformer: expected an expression, got ',' (line 1, column 11)\n  SELECT a, , b FROM __THIS__\n            ^");
  const multiline = t.throws(() => single("SELECT a,\n  FLOOR(a, 2) AS f\nFROM __THIS__"));
  t.is(multiline!.message, "SQLTransformer: FLOOR takes 1 argument(s), got 2 (line 2, column 3)\n    FLOOR(a, 2) AS f\n    ^^^^^^^^^^^");
  t.throws(() => single("SELECT a FROM __THIS__ GROUP BY a"), { message: /GROUP BY is not supported: SQLTransformer evaluates each row on its own/ });
  t.throws(() => single("SELECT FOO(a) FROM __THIS__"), { message: /unknown function FOO — supported: ABS/ });
  t.throws(() => single("SELECT a FROM other __THIS__"), { message: /the table must be __THIS__/ });
  t.throws(() => single("SELECT 'abc FROM __THIS__"), { message: /this string is never closed/ });
  t.throws(() => single("SELECT CAST(a AS DATE) FROM __THIS__"), { message: /unknown type DATE in CAST/ });
  t.throws(() => single("SELECT a AS x, b AS x FROM __THIS__"), { message: /'x' is selected twice/ });
  t.throws(() => new SQLTransformer().setStatement("SELECT a FROM t"), { message: /'statement' is given an invalid value "SELECT a FROM t": it must be a statement that reads __THIS__/ });
});

test("errors only a row can reveal point into the statement too", (t) => {
  const missing = t.throws(() => single("SELECT a + c FROM __THIS__"));
  t.is(missing!.message.split("\n")[0], "SQLTransformer: column 'c' does not exist (the row has 'id', 'a', 'b', 's', 'n') — names are case-sensitive; quote odd ones with backquotes (line 1, column 12)");
  t.true(missing!.message.endsWith("\n  SELECT a + c FROM __THIS__\n             ^"));
  t.throws(() => single("SELECT s * 2 FROM __THIS__"), { message: /expected a number, got the string 'x' — CAST\(… AS DOUBLE\) converts strings \(line 1, column 8\)/ });
  t.throws(() => single("SELECT a < s FROM __THIS__"), { message: /cannot compare the number 1 with the string 'x'/ });
  t.throws(() => single("SELECT a FROM __THIS__ WHERE a + 1"), { message: /WHERE needs a boolean condition, got the number 2/ });
  t.throws(() => single("SELECT CAST(s AS DOUBLE) FROM __THIS__"), { message: /cannot cast 'x' to DOUBLE/ });
});

test("save, load and serve", async (t) => {
  const path = join(mkdtempSync(join(tmpdir(), "eddy-sql-")), "s");
  await new SQLTransformer().setStatement("SELECT a * 10 AS ten FROM __THIS__ WHERE a > 2").save(path);
  const servable = await PipelineModelServable.load(path);
  t.deepEqual(servable.transform([{ a: 1 }, { a: 3 }]), [{ ten: 30 }]);
});

test("in a Pipeline with an estimator after it: the job and the saved pipeline's servable agree row for row", async (t) => {
  const { KBinsDiscretizer, Pipeline, VectorAssembler } = await import("../../../ml/index.js");
  const input: Row[] = Array.from({ length: 20 }, (_, id) => ({ id, a: id % 7, b: (id * 3) % 11, s: "r" + id }));
  const pipeline = new Pipeline([
    new SQLTransformer().setStatement("SELECT id, a * 2 AS a2, b - a AS d FROM __THIS__ WHERE b IS NOT NULL"),
    new VectorAssembler().setInputCols("a2", "d").setInputSizes(1, 1).setOutputCol("features"),
    new KBinsDiscretizer().setStrategy("uniform").setNumBins(2).setInputCol("features").setOutputCol("bins"),
  ]);
  const e = env(2);
  const model = pipeline.fit(e.fromCollection(input));
  const path = join(mkdtempSync(join(tmpdir(), "eddy-sql-pipeline-")), "p");
  await model.save(path);
  const e2 = env(2);
  const scored = (await model.transform(e2.fromCollection(input))[0]!.executeAndCollect()).sort((x, y) => (x["id"] as number) - (y["id"] as number));
  const served = (await PipelineModelServable.load(path)).transform(input);
  t.deepEqual(served.map((r) => Array.from((r["bins"] as { toArray(): Float64Array }).toArray())), scored.map((r) => Array.from((r["bins"] as { toArray(): Float64Array }).toArray())));
  // by hand: a2 = 2a in [0, 12] → 2 bins split at 6; row 4 has a = 4 → a2 = 8 → bin 1
  t.deepEqual(Array.from((served[4]!["bins"] as { toArray(): Float64Array }).toArray()).slice(0, 1), [1]);
  t.deepEqual(Object.keys(served[0]!).sort(), ["a2", "bins", "d", "features", "id"]);
});
