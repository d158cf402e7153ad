// Lowering `over` to the plan: keyed, it runs at the job's parallelism behind a hash shuffle; without keyBy it is one
// partition, so one subtask whatever the parallelism (as a non-keyed window); `eddy explain` prints it as written.
import test from "ava";
import { parse } from "../../../compiler/syntax/parse.js";
import { printOperator } from "../../../compiler/ast/print.js";
import { printPlan } from "../../../compiler/plan/print-plan.js";
import { compileText } from "../helpers/compile.js";

const SOURCE = `
schema Bid { auction: int, price: int, ts: timestamp }
source bids: Bid = collection([]) watermark ts delay 1s
sink keyed = collect()
sink whole = collect()
job j {
  parallelism 4
  bids | keyBy auction | over range 1h { total: sum(price) } | to keyed
  bids | over rows 3 { n: count() } | to whole
}
`;

test("a keyed over is hash-partitioned at the job's parallelism; a non-keyed one is a single subtask", (t) => {
  const result = compileText(SOURCE);
  t.true(result.ok);
  const plan = printPlan(result.plan!);
  t.regex(plan, /\[\d+\] over {2}p=job[^\n]*\n\s+over range 1h \{ total: sum\(price\) \}/);
  t.regex(plan, /\[\d+\] over {2}p=1 \(non-parallel\)[^\n]*\n\s+over rows 3 \{ n: count\(\) \}/);
  t.regex(plan, /-> \[\d+\] hash\(auction\)/);
});

test("the four frames, by event or processing time, parse and print back as written", (t) => {
  for (const frame of ["rows 10", "range 1h", "unbounded", "rows unbounded", "rows 10 processing", "range 1h processing"]) {
    const text = `job j { s | over ${frame} { n: count(), hi: max(x) } | to o }`;
    const { program, diagnostics } = parse(text, "main.flow");
    t.deepEqual(diagnostics, [], frame);
    const job = program!.declarations[0]!;
    const pipeline = job.kind === "JobDecl" ? job.items[0] : undefined;
    if (pipeline?.kind !== "Pipeline") return t.fail("a job with one pipeline");
    t.is(printOperator(pipeline.operators[0]!), `over ${frame} { n: count(), hi: max(x) }`);
  }
});

test("a processing-time over needs no watermark (FLOW4033 is for event time) and plans as `over … processing`", (t) => {
  const source = `
schema Click { user: int, ts: timestamp }
source clicks: Click = collection([{ user: 1, ts: 0 }])
sink out = collect()
job j { clicks | keyBy user | over range 1m processing { n: count() } | to out }
`;
  const result = compileText(source);
  t.deepEqual(result.check.diagnostics.filter((d) => d.severity === "error"), []);
  t.regex(printPlan(result.plan!), /over range 1m processing \{ n: count\(\) \}/);
  const eventTime = compileText(source.replace(" processing", ""));
  t.true(eventTime.check.diagnostics.some((d) => d.code === "FLOW4033"), "the same by event time needs a watermark");
});
