// Which aggregates are specialised: an event-time tumbling window with the default trigger is; a window with a
// `trigger` is not (its firings are the library window operator's), and the generated code says so.
import test from "ava";
import type { AggregateNode } from "../../../compiler/plan/plan.js";
import { aggregateStrategy } from "../../../compiler/plan/specialise.js";
import { compileText } from "../helpers/compile.js";

const PRELUDE = `schema Txn { id: string, account: string, amount: float, country: string, ts: timestamp }
source txns: Txn = collection([]) watermark ts delay 1s
sink out = collect()
`;

function compiled(window: string) {
  const result = compileText(`${PRELUDE}job j {\n txns | keyBy account | window ${window} | aggregate { n: count() } | to out\n}\n`);
  if (!result.ok) throw new Error(JSON.stringify(result.check.diagnostics.map((d) => d.message)));
  const node = result.plan!.jobs[0]!.nodes.find((n): n is AggregateNode => n.kind === "aggregate")!;
  return { node, job: result.files.get("job.ts")! };
}

test("a tumbling event-time window with the default trigger is specialised", (t) => {
  const { node, job } = compiled("tumbling(1m)");
  t.is(aggregateStrategy(node, true), "tumbling");
  t.notRegex(job, /\.trigger\(/);
});

for (const [trigger, code] of [
  ["trigger count(5)", "CountTrigger.of(5)"],
  ["trigger every 10s purge", "PurgingTrigger.of(ContinuousEventTimeTrigger.of(10000))"],
  ["trigger early count(2) late count(3) allowedLateness 1m", `new EventTimeFiringsTrigger({ "early": { "kind": "count", "count": 2 }, "lateCount": 3, "allowedLatenessMs": 60000 })`],
] as const) {
  test(`tumbling(1m) ${trigger}: the library window operator, with ${code}`, (t) => {
    const { node, job } = compiled(`tumbling(1m) ${trigger}`);
    t.is(aggregateStrategy(node, true), "library");
    t.true(job.includes(`.trigger(${code})`), job);
  });
}

test("--no-fuse builds the same trigger", (t) => {
  const result = compileText(`${PRELUDE}job j {\n txns | keyBy account | window global trigger count(100) purge | aggregate { n: count() } | to out\n}\n`, { fuse: false });
  t.true(result.files.get("job.ts")!.includes(".trigger(PurgingTrigger.of(CountTrigger.of(100)))"));
});
