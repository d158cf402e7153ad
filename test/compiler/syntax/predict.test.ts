// `predict model("dir")`: the grammar takes a string literal only (the compiler must read the model while checking),
// and the printer writes back what was parsed.
import test from "ava";
import { printOperator } from "../../../compiler/ast/print.js";
import { parse } from "../../../compiler/syntax/parse.js";

const pipeline = (op: string) => `job j {\n  txns | ${op} | to out\n}`;

function operators(source: string) {
  const { program, diagnostics } = parse(source, "main.flow");
  const job = program?.declarations[0];
  return { diagnostics, ops: job?.kind === "JobDecl" && job.items[0]?.kind === "Pipeline" ? job.items[0].operators : [] };
}

test("`predict model(\"…\")` parses to a PredictOp whose path is the literal, and prints back as written", (t) => {
  for (const written of [`predict model("models/churn")`, `predict   model( "a \\"b\\"" )`, `predict\n    model("x")`]) {
    const { ops, diagnostics } = operators(pipeline(written));
    t.deepEqual(diagnostics, [], written);
    const op = ops[0]!;
    t.is(op.kind, "PredictOp");
    if (op.kind !== "PredictOp") return;
    t.is(printOperator(op), `predict model(${JSON.stringify(op.path.value)})`);
    t.deepEqual(operators(pipeline(printOperator(op))).ops[0]?.kind, "PredictOp", "the printed form parses again");
  }
  t.is((operators(pipeline(`predict model("a \\"b\\"")`)).ops[0] as { path: { value: string } }).path.value, 'a "b"');
});

test("anything but a string literal, or `model` apart from its parenthesis, is a syntax error", (t) => {
  for (const written of [`predict model(dir)`, `predict model("a" + "b")`, `predict "dir"`, `predict model ("dir")`, `predict modelx("dir")`, `predict`]) {
    const { diagnostics } = operators(pipeline(written));
    t.is(diagnostics[0]?.code, "FLOW1001", written);
  }
});

test("`predict` is listed among the operators a pipeline expects", (t) => {
  const [d] = operators(pipeline("frobnicate")).diagnostics;
  t.regex(d?.message ?? "", /pipeline operator/);
  const { ops } = operators(`job j {\n  txns | predict model("m") | predict model("n") | to out\n}`);
  t.deepEqual(ops.map((o) => o.kind), ["PredictOp", "PredictOp", "ToOp"]);
});
