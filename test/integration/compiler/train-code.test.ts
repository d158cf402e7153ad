// Generated `train` and `predict latest` code type-checks strictly, as in a user's project, fused and --no-fuse (a few
// seconds of tsc each, so here rather than in the hermetic suite; test/compiler/emit/train-code.test.ts checks its shape).
import test from "ava";
import { rmSync } from "node:fs";
import { compileText, scratchDir, typeCheck } from "../../compiler/helpers/compile.js";
import { TRAIN_PROGRAM as SOURCE } from "../../compiler/helpers/train-program.js";

for (const fuse of [true, false]) {
  test(`generated train and predict latest code type-checks strictly (${fuse ? "fused" : "--no-fuse"})`, (t) => {
    const outDir = scratchDir(`train-code-${fuse}`);
    const result = compileText(SOURCE, { fuse, outDir });
    t.true(result.ok);
    t.deepEqual(typeCheck(result).diagnostics, []);
    rmSync(outDir, { recursive: true, force: true });
  });
}
