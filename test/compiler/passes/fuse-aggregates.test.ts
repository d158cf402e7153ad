// fuseAggregates: a specialised aggregate (keyed, tumbling event-time or running) absorbs the stateless chain after it
// when that chain is its only consumer on the same subtasks, and the chain before it only when the keyBy shuffle is
// a no-op (one subtask on each side). Library aggregates (top, reduce, sessions, retracting) absorb nothing.
import test from "ava";
import { fuseAggregates } from "../../../compiler/passes/fuse-aggregates.js";
import { fuseChains } from "../../../compiler/passes/fuse-chains.js";
import { compileQuery, runCompiled } from "../../helpers/compiled-query.js";
import { runPass } from "../../helpers/plan-passes.js";

const PRELUDE = `schema Txn { id: string, account: string, amount: float, ts: timestamp }
source txns: Txn = collection([]) watermark ts delay 1s
sink out = collect()
sink out2 = collect()
sink late = collect()
`;
// why fuseChains first: it runs before fuseAggregates in the optimiser, so the aggregate meets fused chains
const fuse = (body: string) => runPass(`${PRELUDE}job j {\n${body}\n}\n`, fuseAggregates, [fuseChains]);
const lines = (text: string, prefix: string) => text.split("\n").filter((l) => l.startsWith(prefix));

const PIPELINE = "txns | filter amount > 0.0 | keyBy account | window tumbling(1m) | aggregate { total: sum(amount) } | filter total > 5.0 | map { account, total } | to out";

test("the chain after a tumbling aggregate fuses into it; the chain before stays apart, the job's parallelism being decided when it runs", (t) => {
  const { afterText } = fuse(PIPELINE);
  t.deepEqual(afterText.split("\n").filter((l) => !l.includes("->")), [
    "source: source txns: Txn = collection(…)",
    "chain: filter amount > 0.0",
    "aggregate: window tumbling(1m) | aggregate { total: sum(amount) } | filter total > 5.0 | map { account, total }",
    "sink: sink out = collect(…)",
  ]);
  t.regex(afterText, /^chain\(filter amount > 0\.0\) -> aggregate\(window tumbling\(1m\)\) hash\(account\)$/m, "the keyBy shuffle is kept");
  t.regex(afterText, /^aggregate\(window tumbling\(1m\)\) -> sink\(sink out = collect\(…\)\) forward$/m);
});

test("under a `parallelism 1` hint both sides are one subtask under any override: the chains before and after both fuse", (t) => {
  const { afterText } = fuse(PIPELINE.replace("txns | ", "txns | parallelism 1 | "));
  t.deepEqual(lines(afterText, "aggregate:"), ["aggregate: filter amount > 0.0 | window tumbling(1m) | aggregate { total: sum(amount) } | filter total > 5.0 | map { account, total }"]);
  t.deepEqual(lines(afterText, "chain:"), []);
  t.regex(afterText, /^source\(.*\) -> aggregate\(filter amount > 0\.0\) /m);
});

// The defect this pass once had: at `parallelism 1` it fused the chain before the aggregate and dropped the keyBy, so
// a run-time override (RunOptions.parallelism, eddy run -p) aggregated each key on several subtasks.
test("a job compiled at parallelism 1 and run at parallelism 2 still emits one row per key and window", async (t) => {
  const source = `schema Txn { account: string, amount: float, ts: timestamp }
source txns: Txn = generator(count: 2000, keys: 5) watermark ts delay 0s
sink out = collect()
job j {
  txns | filter amount > 0.0 | keyBy account | window tumbling(1h) | aggregate { n: count() } | to out
}`;
  const query = await compileQuery(source, "pre-fused.flow", "j", { fuse: true });
  const one = await runCompiled(query, { checkpointing: null, parallelism: 1 });
  const two = await runCompiled(query, { checkpointing: null, parallelism: 2 });
  t.is(one.collected["out"]!.length, 5, "5 accounts, one window");
  t.is(two.collected["out"]!.length, 5, "the same 5 rows at parallelism 2");
});

test("with several subtasks the keyBy really shuffles: only the chain after the aggregate fuses", (t) => {
  const { afterText } = fuse(`parallelism 4\n  ${PIPELINE}`);
  t.deepEqual(lines(afterText, "chain:"), ["chain: filter amount > 0.0"], "the chain before the shuffle stays apart");
  t.deepEqual(lines(afterText, "aggregate:"), ["aggregate: window tumbling(1m) | aggregate { total: sum(amount) } | filter total > 5.0 | map { account, total }"]);
  t.regex(afterText, /chain\(filter amount > 0\.0\) -> aggregate\(window tumbling\(1m\)\) hash\(account\)/);
});

test("a running (unwindowed) keyed aggregate absorbs its neighbours too", (t) => {
  const { afterText } = fuse("txns | parallelism 1 | filter amount > 0.0 | keyBy account | aggregate { n: count() } | map { account, n } | to out");
  t.deepEqual(lines(afterText, "aggregate:"), ["aggregate: filter amount > 0.0 | aggregate { n: count() } | map { account, n }"]);
  t.deepEqual(lines(afterText, "chain:"), []);
});

test("an aggregate whose output fans out keeps its consumers apart", (t) => {
  const { afterText } = fuse(`let totals = txns | keyBy account | window tumbling(1m) | aggregate { total: sum(amount) }
  totals | filter total > 5.0 | to out
  totals | map { account } | to out2`);
  t.deepEqual(lines(afterText, "aggregate:"), ["aggregate: window tumbling(1m) | aggregate { total: sum(amount) }"]);
  t.deepEqual(lines(afterText, "chain:").sort(), ["chain: filter total > 5.0", "chain: map { account }"]);
});

test("a chain feeding the aggregate and another consumer is not pulled in (its records are needed elsewhere)", (t) => {
  const { afterText } = fuse(`let v = txns | filter amount > 0.0
  v | keyBy account | window tumbling(1m) | aggregate { total: sum(amount) } | to out
  v | to out2`);
  t.deepEqual(lines(afterText, "chain:"), ["chain: filter amount > 0.0"]);
  t.deepEqual(lines(afterText, "aggregate:"), ["aggregate: window tumbling(1m) | aggregate { total: sum(amount) }"]);
});

test("late records leave by their own edge: the following chain still fuses, the side output stays an edge", (t) => {
  const { afterText } = fuse("txns | keyBy account | window tumbling(1m) lateTo late | aggregate { total: sum(amount) } | map { account, total } | to out");
  t.deepEqual(lines(afterText, "aggregate:"), ["aggregate: window tumbling(1m) lateTo late | aggregate { total: sum(amount) } | map { account, total }"]);
  t.regex(afterText, /-> sink\(sink late = collect\(…\)\) forward \[late:late\]/);
});

test("library aggregates absorb nothing: top, reduce and session windows keep their neighbours as chains", (t) => {
  for (const op of [
    "window tumbling(1m) | top 1 by amount desc",
    "window tumbling(1m) | reduce (a, b) => if a.amount >= b.amount then a else b",
    "window session(30s) | aggregate { total: sum(amount) }",
  ]) {
    const { beforeText, afterText } = fuse(`txns | filter amount > 0.0 | keyBy account | ${op} | map { account } | to out`);
    t.is(afterText, beforeText, op);
  }
});
