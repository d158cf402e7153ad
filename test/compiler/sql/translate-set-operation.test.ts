// INTERSECT [ALL] and EXCEPT [ALL] against DuckDB, the same SQL over the same rows (NULLs, duplicates on both sides),
// fused and --no-fuse: INTERSECT's output is insert-only, EXCEPT's a changelog whose net rows are DuckDB's (a left row
// is inserted, and deleted when the right side gets it too); the refusals located.
import test from "ava";
import { compileSql } from "../../../compiler/sql/compile-sql.js";
import { bag, duckdbRows } from "../../helpers/duckdb-oracle.js";
import { netRows } from "../../helpers/net-rows.js";
import { runSqlQueries } from "../../helpers/sql-query.js";

const TABLES = ["a", "b"].map((n) => `CREATE TABLE ${n} (x INT, y STRING) WITH ('connector' = 'filesystem', 'path' = '${n}.jsonl', 'format' = 'json');\n`).join("");

/** Rows with few distinct values, so that rows repeat on each side a different number of times; y is NULL at times. */
function rows(seed: number, n: number): { x: number; y: string | null }[] {
  let s = seed;
  const next = () => (s = (s * 1103515245 + 12345) % 2147483648);
  return Array.from({ length: n }, () => ({ x: next() % 5, y: ["p", "q", null][next() % 3]! }));
}
const A = rows(7, 200);
const B = rows(11, 150);

const QUERIES = [
  "SELECT x, y FROM a INTERSECT SELECT x, y FROM b",
  "SELECT x, y FROM a INTERSECT ALL SELECT x, y FROM b",
  // the result is named after the left side; DISTINCT is the default
  "SELECT y AS label, x FROM a WHERE x > 0 INTERSECT DISTINCT SELECT y, x FROM b",
  "SELECT y FROM a WHERE x < 3 INTERSECT ALL SELECT y FROM b WHERE x <> 1",
];
const EXCEPT_QUERIES = [
  "SELECT x, y FROM a EXCEPT SELECT x, y FROM b WHERE x < 3",
  "SELECT x, y FROM a EXCEPT ALL SELECT x, y FROM b",
  "SELECT y AS label, x FROM a WHERE x > 1 EXCEPT DISTINCT SELECT y, x FROM b WHERE y IS NOT NULL",
  "SELECT x FROM a EXCEPT ALL SELECT x FROM b WHERE y IS NOT NULL",
  "SELECT x FROM a WHERE y = 'p' EXCEPT ALL SELECT x FROM a WHERE y = 'q'",
  // a GROUP BY over EXCEPT ALL takes its deleted rows back
  "SELECT x, COUNT(*) AS n FROM (SELECT x FROM a EXCEPT ALL SELECT x FROM b WHERE y IS NOT NULL) GROUP BY x",
];

const COLUMNS = [["x", "INTEGER"], ["y", "VARCHAR"]] as const;
const oracle = (queries: readonly string[]) => duckdbRows({ a: { columns: COLUMNS, rows: A }, b: { columns: COLUMNS, rows: B } }, queries);

for (const fuse of [true, false]) {
  test(`INTERSECT keeps each row both sides have once, INTERSECT ALL min(left, right) times: DuckDB's rows (${fuse ? "fused" : "--no-fuse"})`, async (t) => {
    const [expected, actual] = await Promise.all([oracle(QUERIES), runSqlQueries(`${TABLES}${QUERIES.map((q) => `${q};`).join("\n")}`, { a: A, b: B }, { fuse })]);
    t.is(actual.length, QUERIES.length);
    QUERIES.forEach((q, i) => {
      t.true(expected[i]!.length > 0, `the oracle's rows of ${q} are not empty`);
      t.deepEqual(bag(actual[i]!), bag(expected[i]!), q);
    });
  });
}

for (const fuse of [true, false]) {
  test(`EXCEPT keeps each left row the right side lacks once, EXCEPT ALL max(0, left − right) times: DuckDB's rows, net of deletions (${fuse ? "fused" : "--no-fuse"})`, async (t) => {
    const [expected, actual] = await Promise.all([oracle(EXCEPT_QUERIES), runSqlQueries(`${TABLES}${EXCEPT_QUERIES.map((q) => `${q};`).join("\n")}`, { a: A, b: B }, { fuse })]);
    t.is(actual.length, EXCEPT_QUERIES.length);
    EXCEPT_QUERIES.forEach((q, i) => {
      t.true(expected[i]!.length > 0, `the oracle's rows of ${q} are not empty`);
      t.deepEqual(netRows(actual[i]!), bag(expected[i]!), q);
    });
  });
}

test("EXCEPT [ALL]: a left row is inserted at once, and deleted when the right side gets it later", async (t) => {
  const left = [{ x: 1, y: "p" }, { x: 1, y: "p" }, { x: 2, y: "p" }];
  // why an async source that waits: the right side's rows then arrive after every left row
  async function* later(): AsyncGenerator<object> {
    await new Promise((r) => setTimeout(r, 100));
    yield* [{ x: 1, y: "p" }, { x: 3, y: "q" }];
  }
  const all = await runSqlQueries(`${TABLES}SELECT x, y FROM a EXCEPT ALL SELECT x, y FROM b;`, { a: left, b: later() });
  t.deepEqual(all[0], [
    { x: 1, y: "p", __rowKind: "+I" },
    { x: 1, y: "p", __rowKind: "+I" },
    { x: 2, y: "p", __rowKind: "+I" },
    { x: 1, y: "p", __rowKind: "-D" },
  ]);
  const distinct = await runSqlQueries(`${TABLES}SELECT x, y FROM a EXCEPT SELECT x, y FROM b;`, { a: left, b: later() });
  t.deepEqual(distinct[0], [
    { x: 1, y: "p", __rowKind: "+I" },
    { x: 2, y: "p", __rowKind: "+I" },
    { x: 1, y: "p", __rowKind: "-D" },
  ]);
});

test("EXCEPT [ALL] is a retract changelog named after its left side", (t) => {
  const result = compileSql(`${TABLES}${EXCEPT_QUERIES.map((q) => `${q};`).join("\n")}`, "q.sql");
  t.true(result.ok);
  t.deepEqual(result.queries.map((q) => q.changelog), EXCEPT_QUERIES.map(() => ({ kind: "retract", rowKindField: "__rowKind" })));
  t.deepEqual(result.queries[2]!.columns.map((c) => c.name), ["label", "x"]);
});

test("INTERSECT [ALL] of insert-only queries is insert-only: a row, once emitted, stays in the result", (t) => {
  const result = compileSql(`${TABLES}${QUERIES.map((q) => `${q};`).join("\n")}`, "q.sql");
  t.true(result.ok);
  t.deepEqual(result.queries.map((q) => q.changelog), QUERIES.map(() => ({ kind: "insert-only" })));
  t.deepEqual(result.queries[2]!.columns.map((c) => c.name), ["label", "x"]);
});

test("sides of different widths are refused at the set operation; over an update stream, or DISTINCT over EXCEPT ALL, the result is a changelog", (t) => {
  const cases: readonly [string, string, string][] = [
    ["SELECT x, y FROM a INTERSECT ALL SELECT x FROM b;", "SQL3010", "SELECT x, y FROM a INTERSECT ALL SELECT x FROM b"],
    ["SELECT x, y FROM a EXCEPT ALL SELECT x FROM b;", "SQL3010", "SELECT x, y FROM a EXCEPT ALL SELECT x FROM b"],
  ];
  for (const [query, code, spanText] of cases) {
    const text = `${TABLES}${query}`;
    const diagnostics = compileSql(text, "q.sql").check.diagnostics.filter((d) => d.severity === "error");
    t.deepEqual(diagnostics.map((d) => [d.code, text.slice(d.span.start, d.span.end)]), [[code, spanText]], query);
  }
  // DISTINCT over EXCEPT's deletions counts each value's rows, and deletes the value with its last one
  const distinct = compileSql(`${TABLES}SELECT DISTINCT x FROM (SELECT x FROM a EXCEPT ALL SELECT x FROM b);`, "q.sql");
  t.deepEqual(distinct.check.diagnostics.filter((d) => d.severity === "error"), []);
  t.deepEqual(distinct.queries[0]!.changelog, { kind: "retract", rowKindField: "__rowKind" });
  // an update stream on either side arrives as its changelog (its rows' net values are checked against DuckDB in
  // regular-outer-join.test.ts)
  for (const op of ["INTERSECT", "EXCEPT", "INTERSECT ALL", "EXCEPT ALL"]) {
    const result = compileSql(`${TABLES}SELECT x FROM a ${op} SELECT x FROM b GROUP BY x;`, "q.sql");
    t.deepEqual(result.check.diagnostics.filter((d) => d.severity === "error"), [], op);
    t.deepEqual(result.queries[0]!.changelog, { kind: "retract", rowKindField: "__rowKind" }, op);
  }
});
