// VALUES as a table: a `.flow` collection source whose column types follow Flink's rules for literal rows (INT and
// DOUBLE cells make a DOUBLE column, a NULL makes it nullable), read by a SELECT or written by an INSERT.
import test from "ava";
import { printDeclaration } from "../../../compiler/ast/print.js";
import { checkSql } from "../../../compiler/sql/compile-sql.js";
import { runSqlQueries } from "../../helpers/sql-query.js";

/** The `.flow` source declarations the script's VALUES become. */
function valuesSources(script: string): string[] {
  const result = checkSql(script, "q.sql");
  if (!result.check.ok) throw new Error(result.check.diagnostics.map((d) => `${d.code} ${d.message}`).join("\n"));
  return result.check.program!.declarations.filter((d) => d.kind === "SourceDecl" && d.name.name.startsWith("values")).map((d) => printDeclaration(d).trim());
}

test("column types: INT and DOUBLE cells make DOUBLE; a NULL or CAST(NULL AS …) makes the column nullable", (t) => {
  t.deepEqual(valuesSources("SELECT * FROM (VALUES (1, 'a', TRUE), (2.5, NULL, FALSE), (-3, 'c', TRUE)) AS t(x, y, z);"), [
    `source values: { EXPR_0: float, EXPR_1: string?, EXPR_2: bool } = collection(records: [{ EXPR_0: 1.0, EXPR_1: "a", EXPR_2: true }, { EXPR_0: 2.5, EXPR_1: null, EXPR_2: false }, { EXPR_0: -3.0, EXPR_1: "c", EXPR_2: true }])`,
  ]);
  t.deepEqual(valuesSources("SELECT n, ts FROM (VALUES (CAST(NULL AS BIGINT), TIMESTAMP '2024-01-01 00:00:01'), (4, TIMESTAMP '2024-01-01 00:00:02')) AS v(n, ts);"), [
    "source values: { EXPR_0: int?, EXPR_1: timestamp } = collection(records: [{ EXPR_0: null, EXPR_1: @2024-01-01T00:00:01Z }, { EXPR_0: 4, EXPR_1: @2024-01-01T00:00:02Z }])",
  ]);
});

for (const fuse of [true, false]) {
  test(`SELECT over VALUES with column aliases, WHERE and arithmetic (${fuse ? "fused" : "--no-fuse"})`, async (t) => {
    const [rows, filtered] = await runSqlQueries(
      "SELECT x, y, x * 2 AS d FROM (VALUES (1, 'a'), (2.5, NULL), (-3, 'c')) AS t(x, y);\n" +
        "SELECT n FROM (VALUES (CAST(NULL AS INT)), (4), (1)) AS v(n) WHERE n > 1;",
      {},
      { fuse },
    );
    t.deepEqual(rows, [{ x: 1, y: "a", d: 2 }, { x: 2.5, y: null, d: 5 }, { x: -3, y: "c", d: -6 }]);
    t.deepEqual(filtered, [{ n: 4 }], "NULL > 1 is UNKNOWN, 1 > 1 false");
  });
}

test("INSERT INTO t VALUES writes the rows to the table's columns by position; a GROUP BY aggregates VALUES like a table", async (t) => {
  const S = "CREATE TABLE s (k STRING, v BIGINT) WITH ('connector' = 'blackhole');\n";
  const [inserted, grouped] = await runSqlQueries(
    `${S}INSERT INTO s VALUES ('a', 1), ('b', 2), ('a', 3);\n` +
      "SELECT k, SUM(v) AS total FROM (VALUES ('a', 1), ('b', 2), ('a', 3)) AS t(k, v) GROUP BY k;",
    {},
  );
  t.deepEqual(inserted, [{ k: "a", v: 1 }, { k: "b", v: 2 }, { k: "a", v: 3 }]);
  // the running aggregate's last row per key
  const last = new Map(grouped!.map((r) => [r["k"], r["total"]]));
  t.deepEqual(Object.fromEntries(last), { a: 4, b: 2 });
});
