// UNNEST: one row per element of each row's array (CROSS JOIN, comma, JOIN … ON), a row with an empty or NULL array
// yielding none; LEFT JOIN … ON TRUE keeping it once with a NULL element — by hand, and against a nested-loop oracle
// over random arrays, fused and --no-fuse.
import test from "ava";
import fc from "fast-check";
import { bundleJob } from "../../../compiler/bundle/bundle.js";
import { importBundle } from "../../../compiler/bundle/import-bundle.js";
import { compileSql } from "../../../compiler/sql/compile-sql.js";
import { assertProperty } from "../../helpers/property.js";
import { runSqlQueries } from "../../helpers/sql-query.js";

const T = "CREATE TABLE t (id INT NOT NULL, tags ARRAY<STRING>, ns ARRAY<INT NOT NULL> NOT NULL) WITH ('connector' = 'filesystem', 'path' = 't.jsonl', 'format' = 'json');\n";
const ROWS = [
  { id: 1, tags: ["a", "b"], ns: [1, 2, 3] },
  { id: 2, tags: [], ns: [2] },
  { id: 3, tags: null, ns: [] },
  { id: 4, tags: ["c", null], ns: [5] },
];

for (const fuse of [true, false]) {
  test(`CROSS JOIN, comma and JOIN … ON UNNEST: a row per element; empty and NULL arrays make none (${fuse ? "fused" : "--no-fuse"})`, async (t) => {
    const [cross, comma, on, left] = await runSqlQueries(
      `${T}SELECT id, tag FROM t CROSS JOIN UNNEST(tags) AS u(tag);\n` +
        "SELECT t.id, n * 10 AS m FROM t, UNNEST(t.ns) AS x(n) WHERE n > 1;\n" +
        "SELECT id, n FROM t JOIN UNNEST(ns) AS x(n) ON n <> id;\n" +
        "SELECT id, tag FROM t LEFT JOIN UNNEST(tags) AS u(tag) ON TRUE;",
      { t: ROWS },
      { fuse },
    );
    t.deepEqual(cross, [{ id: 1, tag: "a" }, { id: 1, tag: "b" }, { id: 4, tag: "c" }, { id: 4, tag: null }], "a NULL element is a row; [] and NULL are none");
    t.deepEqual(comma, [{ id: 1, m: 20 }, { id: 1, m: 30 }, { id: 2, m: 20 }, { id: 4, m: 50 }]);
    t.deepEqual(on, [{ id: 1, n: 2 }, { id: 1, n: 3 }, { id: 4, n: 5 }], "2 = 2 fails ON for id 2");
    t.deepEqual(left, [{ id: 1, tag: "a" }, { id: 1, tag: "b" }, { id: 2, tag: null }, { id: 3, tag: null }, { id: 4, tag: "c" }, { id: 4, tag: null }]);
  });
}

type Factory = (options: Record<string, unknown>) => { run(): Promise<unknown> };
const SCRIPT = `${T}SELECT id, tag FROM t CROSS JOIN UNNEST(tags) AS u(tag);\nSELECT id, n FROM t LEFT JOIN UNNEST(ns) AS x(n) ON TRUE;`;

async function load(fuse: boolean) {
  const result = compileSql(SCRIPT, "unnest.sql", { fuse });
  if (!result.ok) throw new Error(result.check.diagnostics.map((d) => `${d.code} ${d.message}`).join("\n"));
  const bundle = await importBundle<Record<string, Factory>>(await bundleJob({ files: result.files, outDir: result.options.outDir, runtime: "shared" }), "eddy-unnest-");
  bundle.dispose();
  return async (rows: readonly object[]) => {
    const out: Record<string, unknown>[][] = [];
    for (const q of result.queries) {
      const got: Record<string, unknown>[] = [];
      await bundle.module[q.job]!({ sources: { t: rows }, sinks: { [q.sink]: (r: Record<string, unknown>) => void got.push(r) }, workers: 1 }).run();
      out.push(got);
    }
    return out;
  };
}

test("random arrays: UNNEST is the nested loop over each row's elements, fused and --no-fuse alike", async (t) => {
  const [fused, interpreted] = await Promise.all([load(true), load(false)]);
  const row = fc.record({
    id: fc.integer({ min: 0, max: 99 }),
    tags: fc.option(fc.array(fc.option(fc.constantFrom("x", "y", "z"), { nil: null }), { maxLength: 3 }), { nil: null }),
    ns: fc.array(fc.integer({ min: -5, max: 5 }), { maxLength: 3 }),
  });
  await assertProperty(
    t,
    fc.asyncProperty(fc.array(row, { maxLength: 6 }), async (rows) => {
      const cross: object[] = [];
      const left: object[] = [];
      for (const r of rows) {
        for (const tag of r.tags ?? []) cross.push({ id: r.id, tag });
        if (r.ns.length === 0) left.push({ id: r.id, n: null });
        for (const n of r.ns) left.push({ id: r.id, n });
      }
      const expected = JSON.stringify([cross, left]);
      const [a, b] = [await fused(rows), await interpreted(rows)];
      return JSON.stringify(a) === expected && JSON.stringify(b) === expected;
    }),
    { file: import.meta.url, numRuns: 25 },
  );
});
