// absorbNormalize (run by fuseAggregates): the changelog normalize right behind a generated running aggregate merges
// into it — the aggregate then emits `+I`/`-U`/`+U` from the row its accumulator keeps — when the aggregate's rows go
// to that normalize alone on the same subtasks. The chain after the normalize then fuses into the aggregate too. A
// normalize behind anything else (a running top, an aggregate with other consumers) stays a node of its own.
import test from "ava";
import { fuseAggregates } from "../../../compiler/passes/fuse-aggregates.js";
import { fuseChains } from "../../../compiler/passes/fuse-chains.js";
import { runPass } from "../../helpers/plan-passes.js";

const PRELUDE = `schema Txn { id: string, account: string, amount: float, ts: timestamp }
schema Account { name: string, owner: string, ts: timestamp }
source txns: Txn = collection([]) watermark ts delay 1s
source accounts: Account = collection([]) watermark ts delay 1s
sink out = collect()
sink out2 = collect()
`;
const fuse = (body: string) => runPass(`${PRELUDE}job j {\n${body}\n}\n`, fuseAggregates, [fuseChains]);
const lines = (text: string, prefix: string) => text.split("\n").filter((l) => l.startsWith(prefix));

test("`aggregate | changelog | filter`: the aggregate emits the changelog, and the filter on the changes fuses behind it", (t) => {
  const { beforeText, afterText } = fuse("txns | keyBy account | aggregate { total: sum(amount), n: count() } | changelog | filter total > 5.0 | to out");
  t.is(lines(beforeText, "normalize:").length, 1);
  t.deepEqual(lines(afterText, "normalize:"), []);
  t.deepEqual(lines(afterText, "aggregate:"), [
    "aggregate: aggregate { total: sum(amount), n: count() } | changelog of the update stream, by account (emitted by the aggregate from the row it keeps) | filter total > 5.0",
  ]);
  t.regex(afterText, /^aggregate\(aggregate \{ total: sum\(amount\), n: count\(\) \}\) -> sink\(sink out = collect\(…\)\) forward$/m, "no shuffle behind the aggregate");
});

test("a renaming map between the aggregate and `changelog` shapes the row before the changelog; the changes then go on", (t) => {
  const { afterText } = fuse("txns | keyBy account | aggregate { total: sum(amount) } | map { acct: account, total } | changelog | filter total > 5.0 | map { acct } | to out");
  t.deepEqual(lines(afterText, "aggregate:"), [
    "aggregate: aggregate { total: sum(amount) } | map { acct: account, total } | changelog of the update stream, by acct (emitted by the aggregate from the row it keeps) | filter total > 5.0 | map { acct, __rowKind }",
  ]);
});

test("the changelog a join needs of an update stream it does not join on the update key is emitted by the aggregate", (t) => {
  const { afterText } = fuse("let last = txns | keyBy account | aggregate { id: last(id) }\n  accounts | join last as l on name == l.id unbounded | map { owner, account: l.account } | to out");
  t.deepEqual(lines(afterText, "normalize:"), []);
  t.is(lines(afterText, "aggregate:").length, 1);
  t.true(lines(afterText, "aggregate:")[0]!.includes("aggregate { id: last(id) } | changelog of the update stream, by account (emitted by the aggregate"));
});

test("a normalize stays its own node behind an aggregate whose rows go elsewhere too, and behind a running top", (t) => {
  const shared = fuse("let sums = txns | keyBy account | aggregate { total: sum(amount) }\n  sums | changelog | filter total > 5.0 | to out\n  sums | to out2");
  t.is(lines(shared.afterText, "normalize:").length, 1);
  t.false(shared.afterText.includes("emitted by the aggregate"));
  const top = fuse("txns | keyBy account | top 1 by amount desc | changelog | filter amount > 5.0 | to out");
  t.is(lines(top.afterText, "normalize:").length, 1);
});
