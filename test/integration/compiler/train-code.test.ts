// Generated `train` and `predict latest` code type-checks strictly, as in a user's project, fused and --no-fuse (a few
// seconds of tsc each, so here rather than in the hermetic suite; test/compiler/emit/train-code.test.ts checks its shape).
import test from "ava";
import { rmSync } from "node:fs";
import { compileText, scratchDir, typeCheck } from "../../compiler/helpers/compile.js";

// The program of test/compiler/emit/train-code.test.ts.
const SOURCE = `schema Click { user: string, a: float, b: int, xy: [float], w: float, clicked: int, ts: timestamp }
source clicks: Click = collection([]) watermark ts delay 0s
sink versions = collect()
sink centres = collect()
sink scored = collect()
sink grouped = collect()
job j {
  let lr = clicks | train OnlineLogisticRegression(features: [a, b], label: clicked, weight: w, batch: 10, reg: 0.1, elasticNet: 0.5)
  let km = clicks | train OnlineKMeans(features: xy, initial: [[0.0, 0.0], [1.0, 1.0]], decayFactor: 0.9)
  lr | to versions
  km | to centres
  clicks | predict latest(lr) | map { user, prediction, p: rawPrediction[1] ?? 0.0, modelVersion } | to scored
  clicks | predict latest(km) | map { user, cluster: prediction } | to grouped
}
`;

for (const fuse of [true, false]) {
  test(`generated train and predict latest code type-checks strictly (${fuse ? "fused" : "--no-fuse"})`, (t) => {
    const outDir = scratchDir(`train-code-${fuse}`);
    const result = compileText(SOURCE, { fuse, outDir });
    t.true(result.ok);
    t.deepEqual(typeCheck(result).diagnostics, []);
    rmSync(outDir, { recursive: true, force: true });
  });
}
