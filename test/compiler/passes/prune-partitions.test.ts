// prunePartitions: a partitioned `file` source takes, as its `partitionFilter`, the conjuncts of the filters its
// records meet first that read only partition columns — never a conjunct reading another field, a mixed one, or one
// calling an imported function — and leaves the filters as they are. With several consumers it prunes by the OR of
// theirs, and not at all when one of them may keep records of every partition.
import test from "ava";
import type { IrExpr } from "../../../compiler/ir/expr.js";
import { printIr } from "../../../compiler/ir/print.js";
import { partitionConjuncts, prunePartitions } from "../../../compiler/passes/prune-partitions.js";
import { pushFiltersBeforeProjections } from "../../../compiler/passes/push-filters.js";
import { describeNode } from "../../../compiler/plan/print-plan.js";
import type { JobPlan, SourceNode } from "../../../compiler/plan/plan.js";
import { BOOL, INT, STRING } from "../../../compiler/types/type.js";
import { runPass } from "../../helpers/plan-passes.js";

const PRELUDE = `schema Ev { x: int, name: string, dt: string, hr: int }
source ev: Ev = file("data/", "jsonl", partitionBy: ["dt", "hr"])
source flat: Ev = file("flat/", "jsonl")
sink out = collect()
sink out2 = collect()
`;
const prune = (body: string) => runPass(`${PRELUDE}job j {\n${body}\n}\n`, prunePartitions);

/** The source's pruning condition as `eddy explain` prints it, or null without one. */
function pruning(job: JobPlan, name = "ev"): string | null {
  const source = job.nodes.find((n): n is SourceNode => n.kind === "source" && n.name === name)!;
  return source.partitionFilter === undefined ? null : printIr(source.partitionFilter);
}

test("the partition conjuncts of the filter behind the source prune its partitions; the filter stays", (t) => {
  const { after, beforeText, afterText } = prune('ev | filter dt == "2026-01-01" and x > 5 | to out');
  t.is(pruning(after), 'dt == "2026-01-01"');
  // only the source changes: every chain keeps its filter whole
  const chains = (text: string) => text.split("\n").filter((l) => l.startsWith("chain: "));
  t.deepEqual(chains(afterText), chains(beforeText));
  t.deepEqual(chains(afterText), ['chain: filter dt == "2026-01-01" and x > 5']);
});

test("explain shows the pruning on the source node", (t) => {
  const { after } = prune('ev | filter hr >= 3 | to out');
  const source = after.nodes.find((n) => n.kind === "source")!;
  t.deepEqual(describeNode(source), ["source ev: Ev = file(…)", "  prunes partitions: hr >= 3"]);
});

test("conjuncts on several partition columns are all taken, in order", (t) => {
  const { after } = prune('ev | filter dt == "2026-01-01" and x > 5 and (hr == 3 or hr == 4) | to out');
  t.is(pruning(after), 'dt == "2026-01-01" and (hr == 3 or hr == 4)');
});

test("a conjunct that reads another field besides partition columns, or only other fields, is not taken", (t) => {
  t.is(pruning(prune('ev | filter dt == "2026-01-01" or x > 5 | to out').after), null);
  t.is(pruning(prune('ev | filter hr < x | to out').after), null);
  t.is(pruning(prune('ev | filter x > 5 and name != "" | to out').after), null);
});

test("a source without partitionBy is not pruned", (t) => {
  t.is(pruning(prune('flat | filter dt == "2026-01-01" | to out').after, "flat"), null);
});

test("only the filters the records meet first count: a filter behind a map is taken once push-down moved it ahead", (t) => {
  const body = 'ev | map { dt, hr, y: x * 2 } | filter dt == "2026-01-01" | to out';
  t.is(pruning(prune(body).after), null);
  const pushed = runPass(`${PRELUDE}job j {\n${body}\n}\n`, prunePartitions, [pushFiltersBeforeProjections]);
  t.is(pruning(pushed.after), 'dt == "2026-01-01"');
});

test("successive filters before the first other step all count", (t) => {
  const { after } = prune('ev | filter x > 1 | filter dt == "2026-01-01" | map { x, hr } | filter hr == 3 | to out');
  t.is(pruning(after), 'dt == "2026-01-01"');
});

test("two consumers prune by the OR of their conditions", (t) => {
  const { after } = prune(`let e = ev
  e | filter dt == "2026-01-01" | to out
  e | filter dt == "2026-01-02" and hr == 3 | to out2`);
  t.is(pruning(after), 'dt == "2026-01-01" or dt == "2026-01-02" and hr == 3');
});

test("a consumer that may keep records of every partition stops the pruning", (t) => {
  t.is(pruning(prune(`let e = ev
  e | filter dt == "2026-01-01" | to out
  e | filter x > 5 | to out2`).after), null);
  t.is(pruning(prune(`let e = ev
  e | filter dt == "2026-01-01" | to out
  e | to out2`).after), null);
});

test("a stateful step behind the source takes no pruning", (t) => {
  t.is(pruning(prune('ev | keyBy dt | aggregate { n: count() } | filter dt == "2026-01-01" | to out').after), null);
});

const read = (field: string, type = STRING): IrExpr => ({ kind: "read", source: { kind: "input", field }, type });
const lit = (value: string | number): IrExpr => ({ kind: "literal", value, type: typeof value === "string" ? STRING : INT });
const eq = (left: IrExpr, right: IrExpr): IrExpr => ({ kind: "equals", how: "primitive", negated: false, left, right, type: BOOL });
const and = (left: IrExpr, right: IrExpr): IrExpr => ({ kind: "logical", op: "and", left, right, type: BOOL });
const COLUMNS = new Set(["dt", "hr"]);

test("partitionConjuncts: an imported function, a join side or a constant alone is never a partition conjunct", (t) => {
  const udf: IrExpr = { kind: "udf", module: "/f.ts", exportName: "day", args: [read("dt")], type: STRING };
  const right: IrExpr = { kind: "getField", object: { kind: "read", source: { kind: "joinRight" }, type: STRING }, field: "dt", nullSafe: false, type: STRING };
  const partition = eq(read("hr", INT), lit(3));
  const condition = and(and(eq(udf, lit("a")), eq(right, read("dt"))), and(eq(lit(1), lit(1)), partition));
  t.deepEqual(partitionConjuncts(condition, COLUMNS), [partition]);
});
