// pushFiltersBeforeProjections: a filter moves ahead of the map, extend or flatMap before it when every field it
// reads is passed through or renamed by that operator (rewritten to read the original), so dropped records never pay
// for the projection. It never moves past an operator that computes or replaces a field it reads, past a shuffle, or
// above a projection whose output another consumer also reads.
import test from "ava";
import { pushFiltersBeforeProjections } from "../../../compiler/passes/push-filters.js";
import { runPass } from "../../helpers/plan-passes.js";

const PRELUDE = `schema Txn { id: string, account: string, amount: float, fee: float, tags: [string], ts: timestamp }
source txns: Txn = collection([]) watermark ts delay 1s
sink out = collect()
sink out2 = collect()
`;
const push = (body: string) => runPass(`${PRELUDE}job j {\n${body}\n}\n`, pushFiltersBeforeProjections);
/** The stateless steps from source to sink, in order (each is its own node before fusion). */
const steps = (text: string) => text.split("\n").filter((l) => l.startsWith("chain: ")).map((l) => l.slice("chain: ".length));

test("a filter on a passed-through field moves ahead of the map", (t) => {
  const { beforeText, afterText } = push("txns | map { account, cents: amount * 100.0 } | filter account != \"\" | to out");
  t.deepEqual(steps(beforeText), ["map { account, cents: amount * 100.0 }", "filter account != \"\""]);
  t.deepEqual(steps(afterText), ["filter account != \"\"", "map { account, cents: amount * 100.0 }"]);
});

test("a filter on a renamed field moves ahead and reads the original name", (t) => {
  const { afterText } = push("txns | map { who: account, cents: amount * 100.0 } | filter who != \"\" | to out");
  t.deepEqual(steps(afterText), ["filter account != \"\"", "map { who: account, cents: amount * 100.0 }"]);
});

test("a filter on a computed field stays after the operator that computes it", (t) => {
  const { beforeText, afterText } = push("txns | map { account, cents: amount * 100.0 } | filter cents > 1.0 | to out");
  t.is(afterText, beforeText);
});

test("an extend that replaces a field the filter reads keeps the filter after it", (t) => {
  const { beforeText, afterText } = push("txns | extend { amount: amount * 2.0 } | filter amount > 10.0 | to out");
  t.is(afterText, beforeText);
});

test("an extend that renames into a field moves the filter ahead, reading the source field", (t) => {
  const { afterText } = push("txns | extend { amount: fee } | filter amount > 10.0 | to out");
  t.deepEqual(steps(afterText), ["filter fee > 10.0", "extend { amount: fee }"]);
});

test("a filter on fields an extend leaves alone moves ahead of it", (t) => {
  const { afterText } = push("txns | extend { cents: amount * 100.0 } | filter fee > 0.5 | to out");
  t.deepEqual(steps(afterText), ["filter fee > 0.5", "extend { cents: amount * 100.0 }"]);
});

test("a filter climbs several projections while each passes its fields through", (t) => {
  const { afterText } = push("txns | map { account, amount } | extend { big: amount > 100.0 } | filter amount > 5.0 | to out");
  t.deepEqual(steps(afterText), ["filter amount > 5.0", "map { account, amount }", "extend { big: amount > 100.0 }"]);
});

test("a filter that reads a passed-through and a computed field stays", (t) => {
  const { beforeText, afterText } = push("txns | extend { cents: amount * 100.0 } | filter cents > fee | to out");
  t.is(afterText, beforeText);
});

test("around a flatMap: a filter on the element stays below it, a filter on the record's other fields moves above", (t) => {
  const element = push("txns | flatMap tags as tag | filter tag != \"x\" | to out");
  t.is(element.afterText, element.beforeText);
  const other = push("txns | flatMap tags as tag | filter amount > 1.0 | to out");
  t.deepEqual(steps(other.afterText), ["filter amount > 1.0", "flatMap tags as tag"]);
});

test("a filter does not move above a projection another consumer reads (that consumer would lose records)", (t) => {
  const { beforeText, afterText } = push(`let v = txns | map { account, amount }
  v | filter amount > 1.0 | to out
  v | to out2`);
  t.is(afterText, beforeText);
});

test("a filter does not move across a shuffle", (t) => {
  const { beforeText, afterText } = push("txns | map { account, amount } | rebalance | filter amount > 1.0 | to out");
  t.is(afterText, beforeText);
});
