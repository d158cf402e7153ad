// fuseChains: every maximal run of forward-connected stateless operators becomes one chain node. A run stops at a
// shuffle (keyBy, rebalance), at a stateful operator, at a fan-out, and at sources and sinks (connectors, which the
// runtime chains on its own).
import test from "ava";
import { fuseChains } from "../../../compiler/passes/fuse-chains.js";
import { runPass } from "../../helpers/plan-passes.js";

const PRELUDE = `schema Txn { id: string, account: string, amount: float, tags: [string], ts: timestamp }
source txns: Txn = collection([]) watermark ts delay 1s
sink out = collect()
sink out2 = collect()
`;
const fuse = (body: string) => runPass(`${PRELUDE}job j {\n${body}\n}\n`, fuseChains);

test("a forward run of filter → map → extend → flatMap becomes one chain with the steps in order", (t) => {
  const { beforeText, afterText, after } = fuse("txns | filter amount > 1.0 | map { account, amount, tags } | extend { cents: amount * 100.0 } | flatMap tags as tag | to out");
  t.is(beforeText.split("\n").filter((l) => l.startsWith("chain:")).length, 4, "lowering gives one node per operator");
  t.is(afterText, [
    "source: source txns: Txn = collection(…)",
    "chain: filter amount > 1.0 | map { account, amount, tags } | extend { cents: amount * 100.0 } | flatMap tags as tag",
    "sink: sink out = collect(…)",
    "source(source txns: Txn = collection(…)) -> chain(filter amount > 1.0) forward",
    // why auto: the chain behind a collection runs as one subtask, the sink at the job's parallelism (known at run time)
    "chain(filter amount > 1.0) -> sink(sink out = collect(…)) auto",
  ].join("\n"));
  t.deepEqual(after.notes.map((n) => n.reason), ["filter → map → extend → flatmap"]);
});

test("a rebalance splits the run: records change subtask, so the two halves run in different tasks", (t) => {
  const { afterText } = fuse("txns | filter amount > 1.0 | map { account, amount } | rebalance | extend { cents: amount * 100.0 } | filter cents > 5.0 | to out");
  t.regex(afterText, /^chain: filter amount > 1\.0 \| map \{ account, amount \}$/m);
  t.regex(afterText, /^chain: extend \{ cents: amount \* 100\.0 \} \| filter cents > 5\.0$/m);
  t.regex(afterText, /chain\(filter amount > 1\.0\) -> chain\(extend \{ cents: amount \* 100\.0 \}\) rebalance/);
});

test("a stateful operator keeps its own node: the chains before and after an aggregate stay apart", (t) => {
  const { afterText } = fuse("txns | filter amount > 1.0 | keyBy account | window tumbling(1m) | aggregate { total: sum(amount) } | filter total > 5.0 | map { account } | to out");
  t.deepEqual(afterText.split("\n").filter((l) => !l.includes("->")), [
    "source: source txns: Txn = collection(…)",
    "chain: filter amount > 1.0",
    "aggregate: window tumbling(1m) | aggregate { total: sum(amount) }",
    "chain: filter total > 5.0 | map { account }",
    "sink: sink out = collect(…)",
  ]);
  t.regex(afterText, /chain\(filter amount > 1\.0\) -> aggregate\(window tumbling\(1m\)\) hash\(account\)/);
});

test("a fan-out stops fusion: the shared producer stays alone, each consumer's run fuses on its own", (t) => {
  const { afterText } = fuse(`let v = txns | map { account, amount }
  v | filter amount > 1.0 | extend { big: amount > 100.0 } | to out
  v | map { account } | to out2`);
  t.deepEqual(afterText.split("\n").filter((l) => l.startsWith("chain:")), [
    "chain: map { account, amount }",
    "chain: filter amount > 1.0 | extend { big: amount > 100.0 }",
    "chain: map { account }",
  ]);
});

test("a union has several inputs: the chains feeding it do not fuse into what follows it", (t) => {
  const { afterText } = fuse(`let a = txns | filter amount > 1.0
  let b = txns | filter amount < 0.0
  a | union b | map { account } | to out`);
  t.regex(afterText, /^union: /m);
  t.deepEqual(afterText.split("\n").filter((l) => l.startsWith("chain:")).sort(), ["chain: filter amount < 0.0", "chain: filter amount > 1.0", "chain: map { account }"]);
});

test("a program without stateless operators is left as it is", (t) => {
  const { beforeText, afterText, after } = fuse("txns | to out");
  t.is(afterText, beforeText);
  t.deepEqual(after.notes, []);
});
