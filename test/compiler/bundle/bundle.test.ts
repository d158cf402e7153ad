// `eddy compile` writes a self-contained bundle: copied outside the repository, `node index.js` runs the job, and the
// manifest describes the job graph, schemas, compiler version and source hash.
import test from "ava";
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EDDY_ROOT } from "../../../compiler/compile.js";

const eddy = (...args: string[]) => spawnSync(process.execPath, [join(EDDY_ROOT, "bin", "eddy.js"), ...args], { encoding: "utf8", cwd: EDDY_ROOT });

test("a compiled bundle runs with node from a directory outside the repository", (t) => {
  const build = mkdtempSync(join(tmpdir(), "eddy-bundle-build-"));
  const elsewhere = mkdtempSync(join(tmpdir(), "eddy-bundle-run-"));
  try {
    const compiled = eddy("compile", "dsl-examples/wordcount/wordcount.flow", "-o", build);
    t.is(compiled.status, 0, compiled.stderr);
    for (const f of ["index.js", "index.d.ts", "manifest.json", "src/index.ts", "src/chains.ts", "src/job.ts", "src/types.ts"]) t.true(existsSync(join(build, f)), f);
    // Only the bundle travels: nothing from the repository (or node_modules) is reachable from there.
    cpSync(join(build, "index.js"), join(elsewhere, "index.js"));
    const run = spawnSync(process.execPath, ["index.js"], { cwd: elsewhere, encoding: "utf8" });
    t.is(run.status, 0, run.stderr);
    t.deepEqual(run.stdout.trim().split("\n").sort(), [
      '{"word":"be","count":3}', '{"word":"do","count":1}', '{"word":"is","count":1}', '{"word":"not","count":1}', '{"word":"or","count":1}', '{"word":"to","count":4}',
    ]);
    const manifest = JSON.parse(readFileSync(join(build, "manifest.json"), "utf8"));
    t.is(manifest.compiler.name, "eddy");
    t.regex(manifest.source.sha256, /^[0-9a-f]{64}$/);
    t.deepEqual(Object.keys(manifest.schemas), ["Line"]);
    t.is(manifest.jobs[0].name, "wordcount");
    t.true(manifest.jobs[0].edges.length > 0);
    const dts = readFileSync(join(build, "index.d.ts"), "utf8");
    t.regex(dts, /export declare function wordcount\(options\?: WordcountOptions\): EddyJob;/);
    t.notRegex(dts, /from "/, "index.d.ts imports nothing");
  } finally {
    rmSync(build, { recursive: true, force: true });
    rmSync(elsewhere, { recursive: true, force: true });
  }
});

test("the same source gives the same manifest hash; a changed source a different one", (t) => {
  const a = mkdtempSync(join(tmpdir(), "eddy-hash-"));
  try {
    t.is(eddy("compile", "dsl-examples/dedupe/dedupe.flow", "-o", join(a, "1")).status, 0);
    t.is(eddy("compile", "dsl-examples/dedupe/dedupe.flow", "-o", join(a, "2")).status, 0);
    t.is(eddy("compile", "dsl-examples/sessions/sessions.flow", "-o", join(a, "3")).status, 0);
    const hash = (d: string) => JSON.parse(readFileSync(join(a, d, "manifest.json"), "utf8")).source.sha256;
    t.is(hash("1"), hash("2"));
    t.not(hash("1"), hash("3"));
  } finally {
    rmSync(a, { recursive: true, force: true });
  }
});
