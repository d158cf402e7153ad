// docs/ml.md's online example is examples/ml-online.ts verbatim, and it does what its comments say.
import { readFileSync } from "node:fs";
import test from "ava";
import { trainAndScore } from "../../../examples/ml-online.js";
import type { Vector } from "../../../ml/index.js";

test("docs/ml.md shows examples/ml-online.ts verbatim in its online learning section", (t) => {
  const doc = readFileSync(new URL("../../../docs/ml.md", import.meta.url), "utf8");
  const section = doc.slice(doc.indexOf("## Online learning"));
  const file = readFileSync(new URL("../../../examples/ml-online.ts", import.meta.url), "utf8");
  t.is(/```ts\n([\s\S]*?)```/.exec(section)?.[1], file);
});

test("trainAndScore: versions 1…10 from 1000 clicks in batches of 100; the request is scored 1 by one of them", async (t) => {
  const { versions, scored } = await trainAndScore();
  t.deepEqual(versions, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  t.is(scored.length, 1);
  const [row] = scored;
  t.is(row!["prediction"], 1);
  t.true((row!["modelVersion"] as number) >= 1 && (row!["modelVersion"] as number) <= 10);
  const [p0, p1] = Array.from((row!["rawPrediction"] as Vector).toArray());
  t.true(p1! > 0.5 && Math.abs(p0! + p1! - 1) < 1e-12);
});
