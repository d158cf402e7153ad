// 'connector' = 'datagen' tables: Flink's options read as the `.flow` datagen source; sequences by hand, random values
// the same fused and --no-fuse and at parallelism 1 and 3 (one seed, one set of rows), bad options located.
import test from "ava";
import { compileSql } from "../../../compiler/sql/compile-sql.js";
import { runSqlQueries } from "../../helpers/sql-query.js";

const table = (options: string) =>
  `CREATE TABLE g (id BIGINT, name STRING, score DOUBLE, ts TIMESTAMP(3), WATERMARK FOR ts AS ts) WITH ('connector' = 'datagen', ${options});\n`;
const OPTIONS = "'number-of-rows' = '10', 'seed' = '3', 'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '8', " +
  "'fields.name.length' = '3', 'fields.score.min' = '0', 'fields.score.max' = '1', 'fields.ts.kind' = 'sequence', 'fields.ts.start' = '0', 'fields.ts.end' = '100000'";
const sortById = (rows: readonly Record<string, unknown>[]) => [...rows].sort((a, b) => Number(a["id"]) - Number(b["id"]));

test("a sequence ends the table at its end (before number-of-rows); random fields keep their bounds; fused = --no-fuse", async (t) => {
  const script = `${table(OPTIONS)}SELECT id, name, score FROM g;\nSELECT COUNT(*) AS n, SUM(id) AS s FROM TABLE(TUMBLE(TABLE g, DESCRIPTOR(ts), INTERVAL '1' SECOND)) GROUP BY window_start, window_end;`;
  const [fused, windows] = await runSqlQueries(script, {}, { fuse: true });
  const [interpreted] = await runSqlQueries(script, {}, { fuse: false });
  t.deepEqual(fused!.map((r) => r["id"]), [1, 2, 3, 4, 5, 6, 7, 8], "ids 1..8: the sequence's end comes before 10 rows");
  t.true(fused!.every((r) => /^[0-9a-f]{3}$/.test(String(r["name"])) && Number(r["score"]) >= 0 && Number(r["score"]) <= 1));
  t.deepEqual(interpreted, fused);
  // ts = 0..7 ms: one window of 8 rows, ids summing to 36
  t.deepEqual(windows, [{ n: 8, s: 36 }]);
});

test("parallelism 3 makes the rows parallelism 1 makes (each subtask its share of the sequence)", async (t) => {
  const query = `${table(OPTIONS)}SELECT id, name, score FROM g;`;
  const [one] = await runSqlQueries(query, {});
  const [three] = await runSqlQueries(`SET 'parallelism.default' = '3';\n${query}`, {});
  t.deepEqual(sortById(three!), sortById(one!));
});

test("bad datagen options are SQL3005 on the option", (t) => {
  const cases: [string, string][] = [
    ["'number-of-rows' = 'ten'", "'ten'"],
    ["'fields.nope.kind' = 'random'", "'fields.nope.kind'"],
    ["'fields.id.kind' = 'cycle'", "'cycle'"],
    ["'fields.id.step' = '2'", "'fields.id.step'"],
    ["'fields.id.min' = 'low'", "'low'"],
  ];
  for (const [options, spanText] of cases) {
    const text = `${table(options)}SELECT id FROM g;`;
    const errors = compileSql(text, "q.sql").check.diagnostics.filter((d) => d.severity === "error");
    t.deepEqual(errors.map((d) => [d.code, text.slice(d.span.start, d.span.end)]), [["SQL3005", spanText]], options);
  }
});
