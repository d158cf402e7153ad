// Generated code builds the records it emits as object literals of their fields, never as `{ ...record, field: v }`:
// on Node 20 a hot spread gives every copy a hidden class of its own, which turns every operator after it megamorphic
// and runs several times slower (compiler/emit/record-with-code.ts, runtime/core/copy-record.ts). Checked over every
// dsl-example (lookups, predict, top, changelogs, window and interval joins) and a program with the other joins, fused
// and --no-fuse.
import test from "ava";
import { readFileSync } from "node:fs";
import { compile } from "../../../compiler/compile.js";
import { listExamples } from "../../dsl-examples/golden.js";
import { PRELUDE } from "../helpers/check.js";

/** The joins the examples leave out: outer (window, interval, regular), temporal, and a join of a changelog. */
const JOINS = `${PRELUDE}schema Other { id: string, name: string, ts: timestamp }
source others: Other = collection([]) watermark ts delay 1s
${["a", "b", "c", "d", "e"].map((name) => `sink ${name} = collect()`).join("\n")}
job j {
  txns | left join others as o on id == o.id window tumbling(1m) | to a
  txns | full join others as o on id == o.id between -1m and 1m | to b
  txns | left join others as o on id == o.id unbounded | to c
  txns | join others as o on id == o.id temporal | to d
  txns | keyBy account | aggregate { n: count() } | join others as o on account == o.id unbounded | to e
}
`;

const SPREAD_COPY = /\{ \.\.\.[A-Za-z_$][\w$]*(\.[\w$]+)*, [^\n]{0,80}/g;

test("no generated file copies a record by object spread", (t) => {
  let files = 0;
  const found: string[] = [];
  for (const example of listExamples().filter((e) => e.expectErrors.length === 0)) {
    for (const fuse of [true, false]) {
      const result = compile(readFileSync(example.file, "utf8"), example.file, { fuse });
      if (!result.ok) continue;
      for (const [name, text] of result.files) {
        files++;
        for (const m of text.match(SPREAD_COPY) ?? []) found.push(`${example.name} (${fuse ? "fused" : "--no-fuse"}) ${name.split("/").pop()}: ${m}`);
      }
    }
  }
  for (const fuse of [true, false]) {
    const result = compile(JOINS, "joins.flow", { fuse });
    t.true(result.ok, "the joins compile");
    for (const [name, text] of result.files) for (const m of text.match(SPREAD_COPY) ?? []) found.push(`joins.flow (${fuse ? "fused" : "--no-fuse"}) ${name}: ${m}`);
  }
  t.true(files > 100, `only ${files} generated files were read`);
  t.deepEqual(found, []);
});

test("the check finds a spread copy where there is one", (t) => {
  t.deepEqual("out.collect({ ...l, m: r });".match(SPREAD_COPY), ["{ ...l, m: r });"]);
  t.is("[...values]".match(SPREAD_COPY), null, "an array spread is not a record copy");
});
