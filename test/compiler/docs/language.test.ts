// docs/language.md is executable: every ```flow block checks clean, or reports the code its info string expects; a
// block followed by a ```text output block runs (fused and --no-fuse) and prints those records; its diagnostics table
// lists exactly the catalogue.
import test from "ava";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { check } from "../../../compiler/index.js";
import { formatDiagnostics } from "../../../compiler/diagnostics/format.js";
import { messages } from "../../../compiler/diagnostics/messages.js";
import { compileText, scratchDir } from "../helpers/compile.js";

const DOC = readFileSync("docs/language.md", "utf8");
const FILES: Record<string, string> = {
  "udf/risk.ts": readFileSync("test/compiler/fixtures/udf/risk.ts", "utf8"),
  "schemas.flow": readFileSync("test/compiler/fixtures/schemas.flow", "utf8"),
  // The model `predict model("models/churn")` reads: its metadata files, as dsl-examples/ml commits them.
  ...Object.fromEntries(["metadata", "stages/0/metadata", "stages/1/metadata", "stages/2/metadata"].map((f) => [`models/churn/${f}`, readFileSync(`dsl-examples/ml/models/churn/${f}`, "utf8")])),
};

const blocks = [...DOC.matchAll(/^```flow([^\n]*)\n([\s\S]*?)^```\n(?:\n```text output\n([\s\S]*?)^```)?/gm)].map((m) => ({
  expect: /expect (FLOW\d{4})/.exec(m[1]!)?.[1],
  source: m[2]!,
  /** `sink {json}` lines of the collect() sinks, sorted (order across keys is free). */
  output: m[3]?.split("\n").filter((l) => l !== "").sort(),
  line: DOC.slice(0, m.index).split("\n").length,
}));

test("the reference has examples", (t) => {
  t.true(blocks.length >= 6);
});

for (const block of blocks) {
  test(`docs/language.md:${block.line} ${block.expect === undefined ? "checks clean" : `reports ${block.expect}`}`, (t) => {
    const result = check(block.source, "main.flow", { host: { readFile: (p) => FILES[p] } });
    const printed = formatDiagnostics(result.diagnostics, (f) => result.sources.get(f));
    if (block.expect === undefined) t.true(result.ok, printed);
    else t.true(result.diagnostics.some((d) => d.code === block.expect), printed);
  });
}

let scratch = 0;
for (const block of blocks.filter((b) => b.output !== undefined)) {
  test(`docs/language.md:${block.line} runs and prints its output, fused and --no-fuse`, async (t) => {
    for (const fuse of [true, false]) {
      const outDir = scratchDir(`docs-${scratch++}`);
      const result = compileText(block.source, { fuse, outDir });
      t.true(result.ok);
      mkdirSync(outDir, { recursive: true });
      for (const [name, text] of result.files) writeFileSync(join(outDir, name), text);
      const module = await import(pathToFileURL(join(outDir, "index.ts")).href);
      const lines: string[] = [];
      for (const job of Object.values(module.jobs as Record<string, () => { run(): Promise<{ collected: Record<string, unknown[]> }> }>)) {
        const { collected } = await job().run();
        for (const [sink, records] of Object.entries(collected)) for (const r of records) lines.push(`${sink} ${JSON.stringify(r)}`);
      }
      rmSync(outDir, { recursive: true, force: true });
      t.deepEqual(lines.sort(), block.output, fuse ? "fused" : "--no-fuse");
    }
  });
}

test("the diagnostics table matches the catalogue", (t) => {
  const rows = [...DOC.matchAll(/^\| (FLOW\d{4}) \| (error|warning) \| (.+) \|$/gm)].map((m) => [m[1], m[2], m[3]]);
  // SQL2xxx codes are listed in docs/sql.md (test/compiler/sql/docs.test.ts checks that table).
  const catalogue = Object.entries(messages).filter(([code]) => code.startsWith("FLOW")).map(([code, m]) => [code, m.severity, m.title.replace(/\|/g, "\\|")]);
  t.deepEqual(rows, catalogue);
});
