// Regular (unbounded) LEFT/RIGHT/FULL joins against DuckDB: the same SQL over the same rows (NULL keys, duplicate keys,
// residual conditions, WHERE after the padding), fused and --no-fuse. The job's output is a changelog — a kept row
// without a partner is inserted padded and deleted (-D) once its first partner arrives — whose net rows must be
// DuckDB's, with every deletion taking back a row that is there. What cannot consume deletions is refused, located.
import test from "ava";
import { compileSql } from "../../../compiler/sql/compile-sql.js";
import { bag, duckdbRows } from "../../helpers/duckdb-oracle.js";
import { netRows } from "../../helpers/net-rows.js";
import { runSqlQueries } from "../../helpers/sql-query.js";

const TABLES =
  "CREATE TABLE a (k INT, x INT, y STRING) WITH ('connector' = 'filesystem', 'path' = 'a.jsonl', 'format' = 'json');\n" +
  "CREATE TABLE b (k INT, z STRING) WITH ('connector' = 'filesystem', 'path' = 'b.jsonl', 'format' = 'json');\n";

/** Few distinct keys, so that keys repeat on both sides; k and the strings are NULL at times. */
function rows<T>(seed: number, n: number, make: (next: () => number) => T): T[] {
  let s = seed;
  const next = () => (s = (s * 1103515245 + 12345) % 2147483648);
  return Array.from({ length: n }, () => make(next));
}
const A = rows(5, 60, (next) => ({ k: next() % 9 === 0 ? null : next() % 7, x: next() % 100, y: ["p", "q", null][next() % 3]! }));
const B = rows(13, 40, (next) => ({ k: next() % 9 === 0 ? null : next() % 9, z: ["p", "r", null][next() % 3]! }));

const QUERIES = [
  "SELECT a.k, a.x, b.z FROM a LEFT JOIN b ON a.k = b.k",
  "SELECT a.x, b.k AS bk, b.z FROM a RIGHT OUTER JOIN b ON a.k = b.k AND a.y = b.z",
  "SELECT a.k AS ak, a.x, b.k AS bk, b.z FROM a FULL JOIN b ON a.k = b.k AND a.x > 20",
  // WHERE applies to the joined and padded rows: a test of the right side drops padded left rows
  "SELECT a.x, b.z FROM a LEFT JOIN b ON a.k = b.k WHERE b.z IS NULL OR a.x < 50",
  "SELECT a.y, b.z FROM a FULL OUTER JOIN b ON a.k = b.k WHERE a.y <> 'q'",
  // aggregates over the changelog take deletions back: a group's row follows its rows, and leaves with its last one
  "SELECT a.k, COUNT(*) AS n, COUNT(b.z) AS zs, SUM(a.x) AS total, MIN(b.z) AS least, MAX(a.x) AS most FROM a LEFT JOIN b ON a.k = b.k GROUP BY a.k",
  "SELECT b.z, COUNT(DISTINCT a.x) AS xs, AVG(CAST(a.x AS DOUBLE)) AS mean FROM a FULL JOIN b ON a.k = b.k AND a.y = b.z GROUP BY b.z HAVING COUNT(*) > 3",
  "SELECT n, COUNT(*) AS keys FROM (SELECT a.k, COUNT(*) AS n FROM a LEFT JOIN b ON a.k = b.k GROUP BY a.k) GROUP BY n",
  // an inner join of the changelog: a deleted row deletes the pairs it made
  "SELECT j.x, j.z, c.y FROM (SELECT a.x, a.k, b.z FROM a LEFT JOIN b ON a.k = b.k) j JOIN a c ON j.k = c.k AND j.x < c.x",
  "SELECT g.k, g.n, c.y FROM (SELECT a.k, COUNT(b.z) AS n FROM a LEFT JOIN b ON a.k = b.k GROUP BY a.k) g JOIN a c ON g.k = c.k WHERE c.x > 50",
  // an outer join of the changelog: a kept row that loses its last partner is padded again
  "SELECT j.x, j.z, c.y FROM (SELECT a.x, a.k, b.z FROM a LEFT JOIN b ON a.k = b.k) j LEFT JOIN a c ON j.k = c.k AND j.x < c.x",
  "SELECT g.k, g.n, b.z FROM (SELECT a.k, COUNT(b.z) AS n FROM a FULL JOIN b ON a.k = b.k GROUP BY a.k) g FULL JOIN b ON g.k = b.k AND g.n > 1",
  // joins of update streams (GROUP BY without window, top-N): each replaced row leaves the join (ChangelogNormalize)
  "SELECT g.k, g.n, b.z FROM (SELECT k, COUNT(*) AS n FROM a GROUP BY k) g JOIN b ON g.k = b.k",
  // a WHERE on the update stream's side tests the pairs (before the join it would drop updates)
  "SELECT g.k, g.s, b.z FROM (SELECT k, SUM(x) AS s FROM a GROUP BY k) g JOIN b ON g.k = b.k WHERE g.s > 300 AND b.z <> 'r'",
  "SELECT g.kk, g.total, h.m FROM (SELECT k AS kk, SUM(x) AS total FROM a GROUP BY k) g FULL JOIN (SELECT k, MAX(z) AS m FROM b GROUP BY k) h ON g.kk = h.k",
  "SELECT b.k, b.z, t.x FROM b LEFT JOIN (SELECT k, x FROM (SELECT k, x, ROW_NUMBER() OVER (PARTITION BY k ORDER BY COALESCE(x, 0) DESC) AS rn FROM a) WHERE rn = 1) t ON b.k = t.k",
  "SELECT t.k, t.x, t.rn, b.z FROM (SELECT * FROM (SELECT k, x, ROW_NUMBER() OVER (PARTITION BY k ORDER BY COALESCE(x, 0) DESC) AS rn FROM a) WHERE rn <= 2) t JOIN b ON t.k = b.k",
  // an aggregate over an update stream grouped by other columns: a row's successor may be in another group
  "SELECT n, COUNT(*) AS keys, SUM(s) AS total FROM (SELECT k, COUNT(*) AS n, SUM(x) AS s FROM a GROUP BY k) GROUP BY n",
  "SELECT best, COUNT(*) AS ks FROM (SELECT k, MAX(x) AS best FROM a GROUP BY k) GROUP BY best HAVING COUNT(*) >= 1",
  // DISTINCT over changing rows: a value leaves when its last row does
  "SELECT DISTINCT a.y, b.z FROM a LEFT JOIN b ON a.k = b.k",
  "SELECT DISTINCT n FROM (SELECT k, COUNT(*) AS n FROM a GROUP BY k)",
  // ROW_NUMBER over rows that change: a row that leaves the top lets the next one in
  "SELECT k, s, rn FROM (SELECT k, s, ROW_NUMBER() OVER (ORDER BY COALESCE(s, 0) DESC, COALESCE(k, 0)) AS rn FROM (SELECT k, SUM(x) AS s FROM a WHERE k IS NOT NULL GROUP BY k)) WHERE rn <= 3",
  "SELECT y, x, rn FROM (SELECT y, x, ROW_NUMBER() OVER (PARTITION BY y ORDER BY COALESCE(x, 0) DESC) AS rn FROM (SELECT a.y, a.x FROM a LEFT JOIN b ON a.k = b.k AND a.y = b.z WHERE b.z IS NULL)) WHERE rn <= 2",
  // INTERSECT and EXCEPT of a changelog: a row is in the result while both sides have it (or the left only)
  "SELECT a.k, b.z FROM a LEFT JOIN b ON a.k = b.k INTERSECT SELECT k, z FROM b",
  "SELECT k, z FROM b EXCEPT SELECT a.k, b.z FROM a LEFT JOIN b ON a.k = b.k AND a.x > 50",
  "SELECT a.y FROM a LEFT JOIN b ON a.k = b.k WHERE b.k IS NULL EXCEPT SELECT z FROM b",
  // … the ALL variants: min(l, r) and max(0, l − r) copies of each change (a -U takes back what its +U added)
  "SELECT a.k, b.z FROM a LEFT JOIN b ON a.k = b.k INTERSECT ALL SELECT k, z FROM b",
  "SELECT k, z FROM b EXCEPT ALL SELECT a.k, b.z FROM a LEFT JOIN b ON a.k = b.k AND a.x > 50",
  "SELECT a.y FROM a LEFT JOIN b ON a.k = b.k AND a.y = b.z EXCEPT ALL SELECT z FROM b",
  // … and of update streams, through their changelogs
  "SELECT k FROM (SELECT k, COUNT(*) AS n FROM a GROUP BY k) EXCEPT SELECT k FROM b",
  "SELECT n % 3 AS m FROM (SELECT k, COUNT(*) AS n FROM a GROUP BY k) INTERSECT ALL SELECT k % 3 FROM b",
  "SELECT x % 5 AS v FROM a EXCEPT ALL SELECT n FROM (SELECT k, COUNT(*) AS n FROM b GROUP BY k)",
  "SELECT k, s FROM (SELECT k, SUM(x) AS s FROM a GROUP BY k) INTERSECT SELECT k, SUM(x) FROM a WHERE x >= 0 GROUP BY k HAVING COUNT(*) < 100",
  // a WHERE or HAVING on an update stream reads its changelog: a row that stops matching is taken back (its -U)
  "SELECT * FROM (SELECT k, COUNT(*) AS n FROM a GROUP BY k) WHERE n < 9",
  "SELECT k, SUM(x) AS s FROM a GROUP BY k HAVING SUM(x) < 400",
  "SELECT y, MIN(x) AS lo, COUNT(*) AS n FROM a GROUP BY y HAVING MIN(x) > 3 OR COUNT(*) < 20",
  "SELECT COUNT(*) AS n, SUM(x) AS s FROM a HAVING SUM(x) > 100",
  // … and what reads the filtered rows takes them back too: a join, an aggregate, DISTINCT, a top-N
  "SELECT g.k, b.z FROM (SELECT k, COUNT(*) AS n FROM a GROUP BY k HAVING COUNT(*) > 2) g JOIN b ON g.k = b.k",
  "SELECT g.k, g.s, b.z FROM (SELECT * FROM (SELECT k, SUM(x) AS s FROM a GROUP BY k) WHERE s < 300) g JOIN b ON g.k = b.k",
  "SELECT n, COUNT(*) AS c FROM (SELECT k, COUNT(*) AS n FROM a GROUP BY k HAVING COUNT(*) < 10) GROUP BY n",
  "SELECT DISTINCT n FROM (SELECT k, COUNT(*) AS n FROM a GROUP BY k) WHERE n > 8",
  "SELECT k, s, rn FROM (SELECT k, s, ROW_NUMBER() OVER (ORDER BY COALESCE(s, 0) DESC, COALESCE(k, -1)) AS rn FROM (SELECT k, SUM(x) AS s FROM a GROUP BY k HAVING SUM(x) < 400)) WHERE rn <= 2",
  // the rows of a top-N without its row number, or without PARTITION BY, and of a global aggregate keep their key
  "SELECT t.k, t.x, b.z FROM (SELECT k, x FROM (SELECT k, x, ROW_NUMBER() OVER (PARTITION BY k ORDER BY COALESCE(x, 0)) AS rn FROM a) WHERE rn <= 2) t JOIN b ON t.k = b.k",
  "SELECT t.k, t.x, b.z FROM (SELECT k, x FROM (SELECT k, x, ROW_NUMBER() OVER (ORDER BY COALESCE(x, 0) DESC, COALESCE(k, -1)) AS rn FROM a) WHERE rn <= 3) t JOIN b ON t.k = b.k",
  "SELECT b.k, b.z, g.n FROM (SELECT COUNT(*) % 7 AS n FROM a) g JOIN b ON g.n = b.k",
  "SELECT n, COUNT(*) AS c FROM (SELECT COUNT(*) AS n FROM a WHERE x > 50) GROUP BY n",
];

const oracle = () =>
  duckdbRows({ a: { columns: [["k", "INTEGER"], ["x", "INTEGER"], ["y", "VARCHAR"]], rows: A }, b: { columns: [["k", "INTEGER"], ["z", "VARCHAR"]], rows: B } }, QUERIES);

for (const fuse of [true, false]) {
  test(`the net rows of LEFT/RIGHT/FULL joins without time bounds are DuckDB's (${fuse ? "fused" : "--no-fuse"})`, async (t) => {
    const [expected, actual] = await Promise.all([oracle(), runSqlQueries(`${TABLES}${QUERIES.map((q) => `${q};`).join("\n")}`, { a: A, b: B }, { fuse })]);
    t.is(actual.length, QUERIES.length);
    QUERIES.forEach((q, i) => {
      t.true(expected[i]!.length > 0, `the oracle's rows of ${q} are not empty`);
      t.deepEqual(netRows(actual[i]!), bag(expected[i]!), q);
    });
    // the padded rows that later matched were inserted and deleted: the changelog has deletions
    t.true(actual[0]!.some((r) => r.__rowKind === "-D"));
  });
}

test("a regular outer join's result is a retract changelog: the kind of each row is in `__rowKind`, not among the columns", (t) => {
  const result = compileSql(`${TABLES}${QUERIES[0]};`, "q.sql");
  t.true(result.ok);
  t.deepEqual(result.queries[0]!.changelog, { kind: "retract", rowKindField: "__rowKind" });
  t.deepEqual(result.queries[0]!.columns.map((c) => c.name), ["k", "x", "z"]);
});

test("what would count a deletion as a row is refused at its own clause, saying where the deletions come from", (t) => {
  const join = "FROM a LEFT JOIN b ON a.k = b.k";
  const sink = (connector: string) => `CREATE TABLE o (x INT, z STRING) WITH ('connector' = '${connector}', 'path' = 'o.jsonl', 'format' = 'json');\n`;
  const cases: readonly [string, string, string][] = [
    [`SELECT a.x ${join} UNION ALL SELECT x FROM a ORDER BY x LIMIT 2;`, "SQL3006", "x"],
    [`${sink("filesystem")}INSERT INTO o SELECT a.x, b.z ${join};`, "SQL3018", "o"],
  ];
  for (const [query, code, spanText] of cases) {
    const text = `${TABLES}${query}`;
    const errors = compileSql(text, "q.sql").check.diagnostics.filter((d) => d.severity === "error");
    t.deepEqual(errors.map((d) => [d.code, text.slice(d.span.start, d.span.end)]), [[code, spanText]], query);
    t.regex(errors[0]!.message, code === "SQL3018" ? /deletes rows it has emitted/ : /changelog with deletions \(the result of a regular outer join or of EXCEPT\)/, query);
  }
  // print and blackhole take the changelog as it comes
  for (const connector of ["print", "blackhole"]) t.true(compileSql(`${TABLES}${sink(connector)}INSERT INTO o SELECT a.x, b.z ${join};`, "q.sql").ok, connector);
});

test("a jdbc table takes the changelog when it has a PRIMARY KEY (its sink deletes by it); without one it only appends: SQL3018", (t) => {
  const jdbc = (key: string) => `CREATE TABLE o (x INT, z STRING${key}) WITH ('connector' = 'jdbc', 'url' = 'jdbc:postgresql://h/db', 'table-name' = 'o');\n`;
  const insert = "INSERT INTO o SELECT a.x, b.z FROM a LEFT JOIN b ON a.k = b.k;";
  t.true(compileSql(`${TABLES}${jdbc(", PRIMARY KEY (x) NOT ENFORCED")}${insert}`, "q.sql").ok);
  const text = `${TABLES}${jdbc("")}${insert}`;
  const errors = compileSql(text, "q.sql").check.diagnostics.filter((d) => d.severity === "error");
  t.deepEqual(errors.map((d) => [d.code, text.slice(d.span.start, d.span.end)]), [["SQL3018", "o"]]);
  t.regex(errors[0]!.message, /\(jdbc\) only appends rows, but the query deletes rows it has emitted/);
  t.regex(errors[0]!.hint ?? "", /PRIMARY KEY \(… NOT ENFORCED\): the sink then upserts on it and deletes by it/);
});

test("a WHERE or HAVING on an update stream: on its key alone the rows still replace each other; on more, a changelog", (t) => {
  const changelogOf = (query: string) => compileSql(`${TABLES}${query};`, "q.sql").queries[0]!.changelog;
  const counts = "(SELECT k, COUNT(*) AS n FROM a GROUP BY k)";
  t.deepEqual(changelogOf(`SELECT * FROM ${counts} WHERE k > 2 OR k IS NULL`), { kind: "upsert", upsertKey: ["k"] });
  t.deepEqual(changelogOf(`SELECT * FROM ${counts} WHERE n > 2`), { kind: "retract", rowKindField: "__rowKind" });
  t.deepEqual(changelogOf("SELECT k, COUNT(*) AS n FROM a GROUP BY k HAVING k < 3"), { kind: "upsert", upsertKey: ["k"] });
  t.deepEqual(changelogOf("SELECT k, COUNT(*) AS n FROM a GROUP BY k HAVING COUNT(*) < 3"), { kind: "retract", rowKindField: "__rowKind" });
  // a global aggregate's one row: its constant key is no column of the result
  t.deepEqual(changelogOf("SELECT COUNT(*) AS n FROM a"), { kind: "upsert", upsertKey: [] });
  t.deepEqual(compileSql(`${TABLES}SELECT COUNT(*) AS n FROM a;`, "q.sql").queries[0]!.columns.map((c) => c.name), ["n"]);
});

test("the changelog of an aggregate or DISTINCT over an update stream: retract when rows move between groups, else the update stream itself", (t) => {
  const changelogOf = (query: string) => compileSql(`${TABLES}${query};`, "q.sql").queries[0]!.changelog;
  const counts = "(SELECT k, COUNT(*) AS n FROM a GROUP BY k)";
  t.deepEqual(changelogOf(`SELECT n, COUNT(*) AS c FROM ${counts} GROUP BY n`), { kind: "retract", rowKindField: "__rowKind" });
  t.deepEqual(changelogOf(`SELECT DISTINCT n FROM ${counts}`), { kind: "retract", rowKindField: "__rowKind" });
  // one row per k already: DISTINCT k and GROUP BY k keep the update stream (the aggregate retracts by k)
  t.deepEqual(changelogOf(`SELECT DISTINCT k FROM ${counts}`), { kind: "upsert", upsertKey: ["k"] });
  t.deepEqual(changelogOf(`SELECT k, SUM(n) AS s FROM ${counts} GROUP BY k`), { kind: "upsert", upsertKey: ["k"] });
});
