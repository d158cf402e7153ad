// `cumulate(size, step)` window assigners: what each evaluates to, and a size that is not n × step reported at the assigner.
import test from "ava";
import type { JobDecl, WindowOp } from "../../../compiler/ast/nodes.js";
import { checkText, checksClean, PRELUDE, reports } from "../helpers/check.js";

const job = (window: string) => `${PRELUDE}job j {\n txns | keyBy account | window ${window} | aggregate { n: count() } | to out\n}\n`;

function specOf(window: string) {
  const j = checkText(job(window)).program!.declarations.find((d): d is JobDecl => d.kind === "JobDecl")!;
  const pipeline = j.items[0]!;
  return (pipeline.kind === "Pipeline" ? pipeline.operators : []).find((o): o is WindowOp => o.kind === "WindowOp")!.assigner.spec;
}

test("cumulate(size, step) is CumulativeEventTimeWindows, or the processing-time one after `processing`", (t) => {
  checksClean(t, job("cumulate(1h, 10m)"));
  t.deepEqual(specOf("cumulate(1h, 10m)"), { kind: "cumulate", sizeMs: 3_600_000, stepMs: 600_000, time: "event" });
  t.deepEqual(specOf("cumulate(step: 1s, size: 3s) processing"), { kind: "cumulate", sizeMs: 3000, stepMs: 1000, time: "processing" });
  t.deepEqual(specOf("cumulate(10s, 10s)"), { kind: "cumulate", sizeMs: 10_000, stepMs: 10_000, time: "event" }, "one step: tumbling windows");
});

test("a size that is not a whole multiple of the step is FLOW4040 at the assigner", (t) => {
  reports(t, job("⟦cumulate(1m, 25s)⟧"), "FLOW4040");
  reports(t, job("⟦cumulate(10s, 1m)⟧"), "FLOW4040");
});

test("missing or non-positive durations are the usual argument errors, not FLOW4040", (t) => {
  reports(t, job("cumulate(1m, ⟦0s⟧)"), "FLOW4009");
  reports(t, job("⟦cumulate(1m)⟧"), "FLOW3004");
  for (const window of ["cumulate(1m, 0s)", "cumulate(1m)"]) t.false(checkText(job(window)).diagnostics.some((d) => d.code === "FLOW4040"), window);
});
