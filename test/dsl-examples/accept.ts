// `npm run golden:accept`: rewrites the committed baselines of dsl-examples from the current compiler (review the diff).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { diagnosticsOf, listExamples, outputOf, planOf } from "./golden.js";

for (const example of listExamples()) {
  mkdirSync(example.expectedDir, { recursive: true });
  if (example.expectErrors.length > 0) {
    writeFileSync(join(example.expectedDir, "diagnostics.txt"), diagnosticsOf(example));
  } else {
    writeFileSync(join(example.expectedDir, "plan.txt"), planOf(example));
    if (example.run) writeFileSync(join(example.expectedDir, "output.txt"), outputOf(example, true));
  }
  console.log(`accepted ${example.name}`);
}
