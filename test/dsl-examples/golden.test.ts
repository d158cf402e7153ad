// Golden tests of dsl-examples: error examples report their expected codes; the others match their committed plan
// and output, and the fused and the interpreted (--no-fuse) paths produce the same output. `npm run golden:accept`
// writes new baselines.
import test from "ava";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { diagnosticsOf, listExamples, outputOf, planOf } from "./golden.js";

const read = (path: string): string => (existsSync(path) ? readFileSync(path, "utf8") : "(no baseline: run npm run golden:accept)");

for (const example of listExamples()) {
  if (example.expectErrors.length > 0) {
    test(`${example.name} reports ${example.expectErrors.join(", ")}`, (t) => {
      const text = diagnosticsOf(example);
      for (const code of example.expectErrors) t.true(text.includes(`[${code}]`), `expected ${code} in:\n${text}`);
      t.is(text, read(join(example.expectedDir, "diagnostics.txt")), "diagnostics differ from the baseline (npm run golden:accept)");
    });
    continue;
  }
  test(`${example.name} plan matches the baseline`, (t) => {
    t.is(planOf(example), read(join(example.expectedDir, "plan.txt")), "plan differs from the baseline (npm run golden:accept)");
  });
  if (!example.run) continue;
  test(`${example.name} output matches the baseline, fused and interpreted`, (t) => {
    const fused = outputOf(example, true);
    t.is(fused, read(join(example.expectedDir, "output.txt")), "output differs from the baseline (npm run golden:accept)");
    t.is(outputOf(example, false), fused, "--no-fuse gives a different output");
  });
}
