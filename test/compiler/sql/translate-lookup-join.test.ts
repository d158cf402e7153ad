// Lookup joins (`JOIN t FOR SYSTEM_TIME AS OF l.proc_time AS s`): translated to `.flow`'s `lookup` / `left lookup`
// and run on rows given for both tables; the expected rows are computed by hand with SQL's semantics (a NULL key
// matches nothing; a LEFT JOIN keeps every left row, with NULLs where no table row satisfies ON).
import test from "ava";
import { printProgram } from "../../../compiler/ast/print.js";
import { checkSql } from "../../../compiler/sql/compile-sql.js";
import { runSqlQueries } from "../../helpers/sql-query.js";

const TABLES = `CREATE TABLE o (id INT, k INT) WITH ('connector' = 'filesystem', 'path' = 'o.jsonl', 'format' = 'json');
CREATE TABLE d (k INT, v STRING) WITH ('connector.type' = 'filesystem', 'connector.path' = 'file:///data/d.csv', 'format.type' = 'csv');
`;
const FROM = "FROM (SELECT *, PROCTIME() AS pt FROM o) AS o";

const ORDERS = [{ id: 1, k: 1 }, { id: 2, k: 2 }, { id: 3, k: null }, { id: 4, k: 3 }];
const DIM = [{ k: 1, v: "a" }, { k: 1, v: "b" }, { k: null, v: "n" }, { k: 3, v: "x" }];

const sorted = (rows: readonly Record<string, unknown>[]) => rows.map((r) => JSON.stringify(r)).sort();

test("JOIN … FOR SYSTEM_TIME AS OF a PROCTIME() column is a lookup; the legacy options name a filesystem table", (t) => {
  const result = checkSql(`${TABLES}SELECT o.id, d.v ${FROM} JOIN d FOR SYSTEM_TIME AS OF o.pt AS d ON o.k = d.k;`, "q.sql");
  t.deepEqual(result.check.diagnostics.filter((d) => d.severity === "error"), []);
  const flow = printProgram(result.check.program!);
  t.regex(flow, /source d: \{ k: int\?, v: string\? \} = file\(path: "\/data\/d\.csv", format: "csv", header: false\)/);
  t.regex(flow, /\| lookup d as __lookup on k == __lookup\.k and k != null and __lookup\.k != null/);
  // The table is no input of the job: only the left table is read as a stream.
  t.notRegex(flow, /let \w+ = d\b/);
});

test("an inner lookup join emits one row per matching table row; NULL keys match nothing", async (t) => {
  const [rows] = await runSqlQueries(`${TABLES}SELECT o.id, d.v ${FROM} JOIN d FOR SYSTEM_TIME AS OF o.pt AS d ON o.k = d.k;`, { o: ORDERS, d: DIM });
  t.deepEqual(sorted(rows!), sorted([{ id: 1, v: "a" }, { id: 1, v: "b" }, { id: 4, v: "x" }]));
});

test("a LEFT lookup join keeps every left row, with NULL columns where no row satisfies ON (fused and --no-fuse)", async (t) => {
  const script = `${TABLES}SELECT o.id, d.v, d.k ${FROM} LEFT JOIN d FOR SYSTEM_TIME AS OF o.pt AS d ON o.k = d.k AND d.v <> 'x';`;
  const expected = sorted([{ id: 1, v: "a", k: 1 }, { id: 1, v: "b", k: 1 }, { id: 2, v: null, k: null }, { id: 3, v: null, k: null }, { id: 4, v: null, k: null }]);
  for (const fuse of [true, false]) {
    const [rows] = await runSqlQueries(script, { o: ORDERS, d: DIM }, { fuse });
    t.deepEqual(sorted(rows!), expected, fuse ? "fused" : "--no-fuse");
  }
});

test("WHERE beside a lookup join filters the joined rows", async (t) => {
  const [rows] = await runSqlQueries(`${TABLES}SELECT o.id, d.v ${FROM} JOIN d FOR SYSTEM_TIME AS OF o.pt AS d ON o.k = d.k WHERE d.v <> 'a';`, { o: ORDERS, d: DIM });
  t.deepEqual(sorted(rows!), sorted([{ id: 1, v: "b" }, { id: 4, v: "x" }]));
});
