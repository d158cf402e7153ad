// A job that predicts bundles ml/ with it: copied outside the repository, the bundle loads the saved model (from the
// absolute path the compiler resolved) and scores as `eddy run` does; a job that does not predict bundles no ml/.
import test from "ava";
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EDDY_ROOT } from "../../../compiler/compile.js";

const eddy = (...args: string[]) => spawnSync(process.execPath, [join(EDDY_ROOT, "bin", "eddy.js"), ...args], { encoding: "utf8", cwd: EDDY_ROOT });

test("a bundle of dsl-examples/ml/churn.flow runs outside the repository and prints the golden output", (t) => {
  const build = mkdtempSync(join(tmpdir(), "eddy-predict-build-"));
  const elsewhere = mkdtempSync(join(tmpdir(), "eddy-predict-run-"));
  try {
    const compiled = eddy("compile", "dsl-examples/ml/churn.flow", "-o", build);
    t.is(compiled.status, 0, compiled.stderr);
    const bundle = readFileSync(join(build, "index.js"), "utf8");
    t.regex(bundle, /PipelineModelServable = class/, "ml/'s servable is in the bundle");
    cpSync(join(build, "index.js"), join(elsewhere, "index.js"));
    const run = spawnSync(process.execPath, ["index.js"], { cwd: elsewhere, encoding: "utf8" });
    t.is(run.status, 0, run.stderr);
    const golden = readFileSync(join(EDDY_ROOT, "dsl-examples/ml/churn.expected/output.txt"), "utf8");
    t.deepEqual(run.stdout.trim().split("\n").sort(), golden.trim().split("\n").sort());
  } finally {
    rmSync(build, { recursive: true, force: true });
    rmSync(elsewhere, { recursive: true, force: true });
  }
});

test("a job that does not predict does not bundle ml/", (t) => {
  const build = mkdtempSync(join(tmpdir(), "eddy-nopredict-build-"));
  try {
    t.is(eddy("compile", "dsl-examples/dedupe/dedupe.flow", "-o", build).status, 0);
    t.notRegex(readFileSync(join(build, "index.js"), "utf8"), /PipelineModelServable = class/);
  } finally {
    rmSync(build, { recursive: true, force: true });
  }
});
