// The driver on the language draft's examples (verbatim fixtures dsl-*.flow): zero errors, and the typed result others build on.
import test from "ava";
import { readFileSync } from "node:fs";
import { check } from "../../compiler/index.js";
import type { JobDecl, Pipeline } from "../../compiler/ast/nodes.js";
import { printType } from "../../compiler/types/print-type.js";
import { formatDiagnostics } from "../../compiler/diagnostics/format.js";

const FIXTURES = "test/compiler/fixtures";
const EXAMPLES = ["dsl-declarations.flow", "dsl-fraud-job.flow", "dsl-card-testing.flow", "dsl-wordcount.flow"];

function checkFixture(name: string) {
  const path = `${FIXTURES}/${name}`;
  return check(readFileSync(path, "utf8"), path);
}

for (const name of EXAMPLES) {
  test(`language draft example ${name} checks without errors`, (t) => {
    const result = checkFixture(name);
    t.true(result.ok, formatDiagnostics(result.diagnostics, (f) => result.sources.get(f)));
    t.truthy(result.program);
  });
}

function pipelines(job: JobDecl): Pipeline[] {
  return job.items.flatMap((i) => (i.kind === "Pipeline" ? [i] : i.kind === "LetStatement" ? [i.pipeline] : []));
}

test("word count: key fields flow into the aggregate output, as the language draft's expected output shows", (t) => {
  const result = checkFixture("dsl-wordcount.flow");
  const job = result.program!.declarations.find((d): d is JobDecl => d.kind === "JobDecl")!;
  const [pipeline] = pipelines(job);
  const ops = pipeline!.operators;
  t.is(printType(ops[0]!.flow!.output), "{ text: string, ts: timestamp, word: string }");
  t.deepEqual(ops[1]!.flow!.outputKey!.fields.map((f) => f.name), ["word"]);
  t.deepEqual(ops[2]!.flow!.window && { kind: ops[2]!.flow!.window.kind, time: ops[2]!.flow!.window.time }, { kind: "tumbling", time: "event" });
  t.is(printType(ops[3]!.flow!.output), "{ word: string, count: int }");
  t.false(ops[3]!.flow!.stateless);
  t.true(ops[0]!.flow!.stateless);
  const sink = result.symbols.get("counts");
  t.is(sink?.kind === "sink" && sink.decl.recordType ? printType(sink.decl.recordType) : undefined, "{ word: string, count: int }");
});

test("fraud job: the alerts sink type is inferred, UDF calls are resolved and typed", (t) => {
  const result = checkFixture("dsl-fraud-job.flow");
  const alerts = result.symbols.get("alerts");
  t.is(alerts?.kind === "sink" && alerts.decl.recordType ? printType(alerts.decl.recordType) : undefined, "{ account: string, total: float, n: int, windowEnd: timestamp }");
  const job = result.program!.declarations.find((d): d is JobDecl => d.kind === "JobDecl")!;
  const filter = pipelines(job)[1]!.operators[3]!;
  t.is(filter.kind, "FilterOp");
  const condition = filter.kind === "FilterOp" ? filter.condition : undefined;
  t.is(condition?.type?.kind, "bool");
  const call = condition?.kind === "BinaryExpr" && condition.right.kind === "BinaryExpr" ? condition.right.left : undefined;
  t.like(call, { kind: "CallExpr", target: { kind: "udf", exportName: "riskScore" }, type: { kind: "float" } });
});

test("card testing: pattern emit and timeout types", (t) => {
  const result = checkFixture("dsl-card-testing.flow");
  const pattern = result.symbols.get("CardTesting");
  t.is(pattern?.kind === "pattern" && pattern.decl.emitType ? printType(pattern.decl.emitType) : undefined, "{ account: string, probes: int, amount: float, at: timestamp }");
  t.is(pattern?.kind === "pattern" && pattern.decl.timeoutType ? printType(pattern.decl.timeoutType) : undefined, "{ small: [Txn], large: [Txn] }");
});

test("an imported .flow file with errors reports them under its own name", (t) => {
  const files: Record<string, string> = { "lib.flow": "schema A { a: Nope }\n" };
  const result = check(`import { A } from "./lib.flow"\nsource s: A = collection([])\n`, "main.flow", { host: { readFile: (p) => files[p] } });
  t.deepEqual(result.diagnostics.map((d) => [d.file, d.code]), [["lib.flow", "FLOW2002"]]);
});

test("every error of a stage is reported in one run", (t) => {
  const result = check("sink out = collect()\njob j {\n  nope | to out\n  txns | to missing\n}\n", "main.flow", { host: { readFile: () => undefined } });
  t.deepEqual(result.diagnostics.map((d) => d.code), ["FLOW2003", "FLOW2003", "FLOW2004"]);
});

test("a stage with errors stops the pipeline: no warnings from analyse on an invalid program", (t) => {
  const result = check("source s: Nope = collection([])\n", "main.flow", { host: { readFile: () => undefined } });
  t.deepEqual(result.diagnostics.map((d) => d.severity), ["error"]);
});
