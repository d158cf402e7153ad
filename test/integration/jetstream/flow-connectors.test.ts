// The `jetstream(...)` source and sink of a .flow job against the NATS server: a compiled job reads JSON messages of
// one stream and writes to another exactly once under crashes injected mid-run; a message that does not fit the
// schema is a dead letter named by its stream sequence; the checker warns about the sink behind an unbounded read.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import type { ExecutionContext } from "ava";
import { bundleJob } from "../../../compiler/bundle/bundle.js";
import { check } from "../../../compiler/api.js";
import { compile, EDDY_ROOT } from "../../../compiler/compile.js";
import { formatDiagnostics } from "../../../compiler/diagnostics/format.js";
import type { DeadLetter, JobIO } from "../../../runtime/support/index.js";
import { type Fault, FaultInjector, RestartStrategies, type StreamExecutionEnvironment } from "../../../runtime/index.js";
import { closeShared, isolatedStream, jsTest as test, NATS, publishAll, readStream, uniqueJob } from "./js-harness.js";

test.after.always(closeShared);

const N = 1500;
const input = (n: number) => Array.from({ length: n }, (_, i) => ({ id: i, k: `k${i % 5}`, v: i / 4 }));

function flowJob(input: string, output: string, bounded: boolean): string {
  return `schema Ev { id: int, k: string, v: float }
source evs: Ev = jetstream(servers: ${JSON.stringify(NATS)}, stream: ${JSON.stringify(input)}, subject: "${input}.events"${bounded ? ", bounded: true" : ""})
sink out = jetstream(servers: ${JSON.stringify(NATS)}, stream: ${JSON.stringify(output)}, subject: "${output}.doubled", minDuplicateWindow: 1m)
job copy {
  checkpoint every 10s exactly_once
  evs | map { id, k, v: v * 2.0 } | to out
}
`;
}

type Build = (env: StreamExecutionEnvironment, io: JobIO, sources: object, sinks: object) => void;

async function loadJob(t: ExecutionContext, source: string): Promise<{ build: Build; Env: typeof StreamExecutionEnvironment }> {
  const dir = mkdtempSync(join(tmpdir(), "eddy-js-flow-"));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const result = compile(source, join(dir, "job.flow"));
  if (!result.ok) throw new Error(formatDiagnostics(result.check.diagnostics, (f) => result.check.sources.get(f)));
  const files = new Map(result.files);
  const runtime = relative(result.options.outDir, join(EDDY_ROOT, "runtime", "index.js"));
  files.set("index.ts", `export * from "./job.js";\nexport { StreamExecutionEnvironment } from ${JSON.stringify(runtime)};\n`);
  writeFileSync(join(dir, "job.mjs"), await bundleJob({ files, outDir: result.options.outDir }));
  const module = (await import(pathToFileURL(join(dir, "job.mjs")).href)) as { buildCopy: Build; StreamExecutionEnvironment: typeof StreamExecutionEnvironment };
  return { build: module.buildCopy, Env: module.StreamExecutionEnvironment };
}

test("a .flow job from jetstream to jetstream: crashes at a record and before a commit leave every message in the sink stream once", async (t) => {
  const from = await isolatedStream(t, "flow_in");
  const to = await isolatedStream(t, "flow_out");
  await publishAll(input(N).map((r) => JSON.stringify(r)), () => `${from}.events`);
  await publishAll(['{"id": "x"}'], () => `${from}.events`); // sequence N + 1: a dead letter
  const { build, Env } = await loadJob(t, flowJob(from, to, true));
  const env = Env.getExecutionEnvironment().setParallelism(2);
  env.getConfig().setBatchSize(8).setChannelCapacity(32);
  // why 5 ms: the second fault needs a third commit at subtask 0; at 20 ms a run completed only 4–5 checkpoints in all,
  // close to too few (this test failed once in CI, its message unrecorded; both counts below depend on timing)
  env.enableCheckpointing(5).setRestartStrategy(RestartStrategies.fixedDelayRestart(10, 0));
  const faults: Fault[] = [
    { kind: "crash-at-record", operator: "sink:out", subtask: 1, record: 300 },
    { kind: "crash-before-commit", operator: "sink:out", subtask: 0, commit: 3 },
  ];
  const injector = new FaultInjector(faults);
  env.setFaultInjector(injector);
  const letters: DeadLetter[] = [];
  build(env, { nexmark: {}, onDeadLetter: (d) => letters.push(d), collect: () => t.fail("no collect sink") as never, files: {} }, {}, {});
  const result = await env.executeAsync(uniqueJob("flow")).getJobExecutionResult();
  t.is(injector.fired.length, faults.length, `every fault fired: ${JSON.stringify(injector.fired)} (${result.metrics.checkpoints?.completed ?? 0} checkpoints)`);
  // why not 2: the two faults may strike one attempt (the second while the first failure is being handled)
  t.true((result.metrics.restarts ?? 0) >= 1);
  const stored = (await readStream(to)).map((m) => JSON.parse(m.text) as { id: number; k: string; v: number });
  t.deepEqual(
    stored.sort((a, b) => a.id - b.id),
    input(N).map((r) => ({ ...r, v: r.v * 2 })),
  );
  // why at least one: the message is read again by every attempt that restored a position before it
  t.true(letters.length >= 1);
  t.like(letters[0], { source: "evs", position: N + 1, raw: '{"id": "x"}' });
  t.regex(letters[0]!.reason, /field `id` should be an int/);
});

test("the checker warns that a jetstream sink behind an unbounded jetstream source commits only on checkpoints", (t) => {
  const unchecked = flowJob("a", "b", false).replace("  checkpoint every 10s exactly_once\n", "");
  const warnings = check(unchecked, "job.flow").diagnostics.map((d) => d.code);
  t.true(warnings.includes("FLOW5013"), warnings.join(", "));
  const bounded = check(flowJob("a", "b", true).replace("  checkpoint every 10s exactly_once\n", ""), "job.flow").diagnostics.map((d) => d.code);
  t.false(bounded.includes("FLOW5013"), "a bounded read ends, and the sink commits then");
});
