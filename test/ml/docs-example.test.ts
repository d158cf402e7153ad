// docs/ml.md's example is examples/ml-quickstart.ts verbatim, and it gives the results its comments state.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test from "ava";
import { pipelineSaveLoadServe, standardize } from "../../examples/ml-quickstart.js";
import type { Vector } from "../../ml/index.js";

test("docs/ml.md shows examples/ml-quickstart.ts verbatim", (t) => {
  const doc = readFileSync(new URL("../../docs/ml.md", import.meta.url), "utf8");
  const file = readFileSync(new URL("../../examples/ml-quickstart.ts", import.meta.url), "utf8");
  t.is(/```ts\n([\s\S]*?)```/.exec(doc)?.[1], file);
});

test("standardize: (2, 40) scales to (0, 0.378) with mean (2, 30) and sample std (1, √700)", async (t) => {
  const [row] = await standardize();
  const scaled = Array.from((row!["scaled"] as Vector).toArray());
  t.is(scaled[0], 0);
  t.true(Math.abs(scaled[1]! - 10 / Math.sqrt(700)) < 1e-12);
});

test("pipelineSaveLoadServe: the servable scales (4, 0) to (4, 0)", async (t) => {
  const row = await pipelineSaveLoadServe(join(mkdtempSync(join(tmpdir(), "eddy-ml-doc-")), "pipeline"));
  t.deepEqual(Array.from((row!["scaled"] as Vector).toArray()), [4, 0]);
});
