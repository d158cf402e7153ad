// foldConstants: constant sub-expressions of stateless operators and aggregates become literals at compile time
// (expressions are pure, so this is exact), `filter true` disappears, and what cannot be folded exactly — division by
// zero, an int beyond 2^53, anything reading a field — is left for run time. (A folded float that is whole prints
// with its `.0`, as a float literal is written.)
import test from "ava";
import { foldConstants } from "../../../compiler/passes/fold-constants.js";
import { compileQuery, runCompiled } from "../../helpers/compiled-query.js";
import { runPass } from "../../helpers/plan-passes.js";

const PRELUDE = `schema Txn { id: string, account: string, amount: float, ts: timestamp }
source txns: Txn = collection([]) watermark ts delay 1s
sink out = collect()
`;
const fold = (body: string) => runPass(`${PRELUDE}job j {\n${body}\n}\n`, foldConstants);
const steps = (text: string) => text.split("\n").filter((l) => l.startsWith("chain: ")).map((l) => l.slice("chain: ".length));

test("arithmetic on literals folds to one literal", (t) => {
  const { afterText, after } = fold("txns | map { account, limit: 2 * 60 * 1000, half: 1.5 * 2.0, neg: -(3 - 5) } | to out");
  t.deepEqual(steps(afterText), ["map { account, limit: 120000, half: 3.0, neg: 2 }"]);
  const chain = after.nodes.find((n) => n.kind === "chain");
  const map = chain?.kind === "chain" ? chain.steps[0] : undefined;
  const kinds = map?.kind === "project" ? map.fields.map((f) => (f.value.kind === "literal" ? `${f.value.type.kind} literal` : f.value.kind)) : [];
  t.deepEqual(kinds, ["read", "int literal", "float literal", "int literal"], "each literal keeps its type");
});

test("`filter true` disappears with its node; the edges close over the gap", (t) => {
  const { beforeText, afterText } = fold("txns | filter 1 + 1 == 2 | map { account } | to out");
  t.deepEqual(steps(beforeText), ["filter 1 + 1 == 2", "map { account }"]);
  t.deepEqual(steps(afterText), ["map { account }"]);
  t.regex(afterText, /^source\(.*\) -> chain\(map \{ account \}\) forward$/m);
});

test("`filter false` stays (as a literal): the pass folds, it does not delete the stream", (t) => {
  const { afterText } = fold("txns | filter 1 > 2 | to out");
  t.deepEqual(steps(afterText), ["filter false"]);
});

test("boolean identities hold whatever the other side is", (t) => {
  t.deepEqual(steps(fold("txns | filter amount > 1.0 and true | to out").afterText), ["filter amount > 1.0"]);
  t.deepEqual(steps(fold("txns | filter amount > 1.0 and false | to out").afterText), ["filter false"]);
  t.deepEqual(steps(fold("txns | filter amount > 1.0 or false | to out").afterText), ["filter amount > 1.0"]);
  // `or true` is always true: the filter goes
  t.deepEqual(steps(fold("txns | filter amount > 1.0 or true | map { account } | to out").afterText), ["map { account }"]);
});

test("built-in calls on literals and `if` with a constant condition fold", (t) => {
  const { afterText } = fold("txns | map { account, a: lower(\"ABC\"), b: concat(\"x\", \"y\"), c: if 2 > 1 then \"yes\" else account, d: abs(-4) } | to out");
  t.deepEqual(steps(afterText), ["map { account, a: \"abc\", b: \"xy\", c: \"yes\", d: 4 }"]);
});

test("what is not exactly foldable stays: division by zero, an int beyond 2^53, field reads", (t) => {
  const { beforeText, afterText } = fold("txns | map { account, z: 1 / 0, r: 5 % 0, big: 9007199254740991 * 2, f: amount * 1.0 } | to out");
  t.is(afterText, beforeText);
  // `/` is real division (an int divided by an int is a float), so 7 / 2 folds to 3.5
  t.deepEqual(steps(fold("txns | map { account, q: 7 / 2 } | to out").afterText), ["map { account, q: 3.5 }"]);
});

test("constant parts fold inside an expression that also reads fields, and inside aggregates", (t) => {
  const { afterText } = fold("txns | keyBy account | window tumbling(1m) | aggregate { total: sum(amount * (2.0 + 3.0)), big: count(if amount > 10.0 * 10.0 then 1 else null) } | to out");
  t.regex(afterText, /aggregate \{ total: sum\(amount \* 5\.0\), big: count\(if amount > 100\.0 then 1 else null\) \}/);
});

test("folding away an aggregate call renumbers the others: fused and --no-fuse compute the same rows (was an internal error)", async (t) => {
  const program = `schema R { k: string, v: int, ts: timestamp }
source rs: R = collection([]) watermark ts delay 0s
sink out = collect()
job j { rs | keyBy k | window tumbling(10ms) | aggregate { n: if false then count() else sum(v), hi: max(v), c: if 1 > 2 then min(v) else count() } | to out }
`;
  const rs = [{ k: "a", v: 3, ts: 1 }, { k: "a", v: 5, ts: 2 }, { k: "b", v: 7, ts: 4 }, { k: "a", v: 1, ts: 12 }];
  // by hand: window [0, 10) a → sum 8, max 5, count 2; b → 7, 7, 1; window [10, 20) a → 1, 1, 1
  const expected = [{ k: "a", n: 8, hi: 5, c: 2 }, { k: "a", n: 1, hi: 1, c: 1 }, { k: "b", n: 7, hi: 7, c: 1 }].map((r) => JSON.stringify(r));
  for (const fuse of [true, false]) {
    const query = await compileQuery(program, "dropped-call.flow", "j", { fuse });
    const { collected } = await runCompiled(query, { checkpointing: null, sources: { rs } });
    t.deepEqual((collected.out ?? []).map((r) => JSON.stringify(r)).sort(), expected.sort(), fuse ? "fused" : "--no-fuse");
  }
});
