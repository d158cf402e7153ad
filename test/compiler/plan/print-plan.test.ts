// eddy explain's graph formats: dot is one Graphviz digraph that `dot` renders (checked for every dsl-example when
// Graphviz is installed); mermaid is one complete document per plan, so each can be pasted into a renderer alone.
import test from "ava";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { compile } from "../../../compiler/compile.js";
import { printPlans } from "../../../compiler/plan/print-plan.js";
import { listExamples } from "../../dsl-examples/golden.js";

const compiled = listExamples()
  .filter((e) => e.expectErrors.length === 0)
  .map((e) => ({ name: e.name, result: compile(readFileSync(e.file, "utf8"), e.file) }));
const graphviz = spawnSync("dot", ["-V"]).status === 0;

test("every dsl-example compiles (the plans below are of real programs)", (t) => {
  t.true(compiled.length >= 20, `${compiled.length} examples`);
  for (const { name, result } of compiled) t.true(result.ok, name);
});

(graphviz ? test : test.skip)("dot: Graphviz renders the plans of every dsl-example as one SVG", (t) => {
  for (const { name, result } of compiled) {
    const dot = printPlans(result.unoptimised!, result.plan!, "dot");
    const svg = spawnSync("dot", ["-Tsvg"], { input: dot, encoding: "utf8" });
    t.is(svg.status, 0, `${name}: ${svg.stderr}`);
    t.is(svg.stderr, "", name);
    t.is(svg.stdout.match(/<svg /g)?.length, 1, `${name}: one document`);
    // a node per plan node, in both plans: the written and the optimised one share no node id
    const nodes = result.unoptimised!.jobs.reduce((n, j) => n + j.nodes.length, 0) + result.plan!.jobs.reduce((n, j) => n + j.nodes.length, 0);
    t.is(svg.stdout.match(/class="node"/g)?.length, nodes, name);
  }
});
if (!graphviz) {
  test("dot rendering is checked when Graphviz is installed", (t) => {
    t.log("skipped: no `dot` on PATH (apt-get install graphviz)");
    t.pass();
  });
}

test("dot: quotes and backslashes in labels are escaped, ids are quoted", (t) => {
  const { result } = compiled.find((c) => c.name.endsWith("fraud/fraud.flow"))!;
  const dot = printPlans(result.unoptimised!, result.plan!, "dot");
  t.regex(dot, /^digraph eddy \{/);
  t.is(dot.match(/^digraph /gm)?.length, 1);
  t.regex(dot, /subgraph "cluster_0" \{\n {4}label="plan \(as written\)";/);
  t.regex(dot, /subgraph "cluster_1" \{\n {4}label="plan \(optimised\)";/);
  t.regex(dot, /country != \\"\\"/); // the .flow text `country != ""`
  t.regex(dot, /"1_fraud_2" -> "1_fraud_3" \[label="forward \[late:lateTxns\]"\];/);
});

test("mermaid: two complete documents, the plan as written then the optimised one, separated by a blank line", (t) => {
  const { result } = compiled.find((c) => c.name.endsWith("fraud/fraud.flow"))!;
  const documents = printPlans(result.unoptimised!, result.plan!, "mermaid").split("\n\n");
  t.is(documents.length, 2);
  t.deepEqual(documents.map((d) => d.split("\n").slice(0, 2)), [["%% plan (as written)", "flowchart LR"], ["%% plan (optimised)", "flowchart LR"]]);
  for (const d of documents) {
    t.is(d.match(/^\s*subgraph /gm)?.length, d.match(/^\s*end$/gm)?.length, "every subgraph is closed");
  }
  t.regex(documents[0]!, /^ {2}subgraph job_fraud \[job fraud\]$/m);
  t.regex(documents[0]!, /fraud_1\["\[1\] stateless p=1 \(non-parallel\)<br\/>filter amount #gt; 0 and country != #quot;#quot;"\]/);
  t.regex(documents[1]!, /fraud_2 -->\|"forward \[late:lateTxns\]"\| fraud_3/);
});
