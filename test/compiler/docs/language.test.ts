// docs/language.md is executable: every ```flow block checks clean, or reports the code its info string expects;
// its diagnostics table lists exactly the catalogue.
import test from "ava";
import { readFileSync } from "node:fs";
import { check } from "../../../compiler/index.js";
import { formatDiagnostics } from "../../../compiler/diagnostics/format.js";
import { messages } from "../../../compiler/diagnostics/messages.js";

const DOC = readFileSync("docs/language.md", "utf8");
const FILES: Record<string, string> = {
  "udf/risk.ts": readFileSync("test/compiler/fixtures/udf/risk.ts", "utf8"),
  "schemas.flow": readFileSync("test/compiler/fixtures/schemas.flow", "utf8"),
};

const blocks = [...DOC.matchAll(/^```flow([^\n]*)\n([\s\S]*?)^```/gm)].map((m) => ({
  expect: /expect (FLOW\d{4})/.exec(m[1]!)?.[1],
  source: m[2]!,
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

test("the diagnostics table matches the catalogue", (t) => {
  const rows = [...DOC.matchAll(/^\| (FLOW\d{4}) \| (error|warning) \| (.+) \|$/gm)].map((m) => [m[1], m[2], m[3]]);
  const catalogue = Object.entries(messages).map(([code, m]) => [code, m.severity, m.title.replace(/\|/g, "\\|")]);
  t.deepEqual(rows, catalogue);
});
