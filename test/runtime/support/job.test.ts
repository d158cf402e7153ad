// File paths of a compiled job are resolved when it runs: a bundle moved to another directory reads
// `file("data/in.csv")` under the working directory of the process that runs it, RunOptions.files replaces a path by
// the connector's name, and an override naming no file connector of the job is an error that says so.
import test from "ava";
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, realpathSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { EDDY_ROOT } from "../../../compiler/compile.js";

const FLOW = `schema Row { id: int, note: string? }
source rows: Row = file("data/in.csv")
sink seen = collect()
job copy { rows | to seen }
`;

interface Factory {
  (options?: object): { run(): Promise<{ collected: Record<string, unknown[]> }> };
}

test("a compiled bundle moved elsewhere reads relative paths under the working directory of its process", async (t) => {
  const root = realpathSync(mkdtempSync(join(tmpdir(), "eddy-moved-")));
  t.teardown(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, "src"));
  writeFileSync(join(root, "src", "copy.flow"), FLOW);
  const compiled = spawnSync(process.execPath, [join(EDDY_ROOT, "bin", "eddy.js"), "compile", "copy.flow", "-o", "dist"], { cwd: join(root, "src"), encoding: "utf8", timeout: 120_000 });
  t.is(compiled.status, 0, compiled.stderr);
  renameSync(join(root, "src", "dist"), join(root, "moved"));
  rmSync(join(root, "src"), { recursive: true });
  mkdirSync(join(root, "work", "data"), { recursive: true });
  writeFileSync(join(root, "work", "data", "in.csv"), "id,note\n1,\n2,two\n");
  const ran = spawnSync(process.execPath, [join(root, "moved", "index.js")], { cwd: join(root, "work"), encoding: "utf8", timeout: 60_000 });
  t.is(ran.status, 0, ran.stderr);
  t.is(ran.stdout, '-- seen (2 records)\n{"id":1,"note":null}\n{"id":2,"note":"two"}\n');

  // RunOptions.files: by the source's declared name, relative to the working directory too
  writeFileSync(join(root, "work", "other.csv"), "id,note\n3,three\n");
  // why: the test runs under tsx, which reads a .js file outside an ESM package as CommonJS
  copyFileSync(join(root, "moved", "index.js"), join(root, "moved", "index.mjs"));
  const module = (await import(pathToFileURL(join(root, "moved", "index.mjs")).href)) as { copy: Factory };
  const before = process.cwd();
  t.teardown(() => process.chdir(before));
  process.chdir(join(root, "work"));
  const result = await module.copy({ files: { rows: "other.csv" }, onDeadLetter: (d: unknown) => t.fail(JSON.stringify(d)) }).run();
  t.deepEqual(result.collected.seen, [{ id: 3, note: "three" }]);
  // a replaced source still has its path: naming it is not an error
  const replaced = await module.copy({ files: { rows: "missing.csv" }, sources: { rows: [{ id: 4, note: null }] } }).run();
  t.deepEqual(replaced.collected.seen, [{ id: 4, note: null }]);
  await t.throwsAsync(module.copy({ files: { row: "other.csv" } }).run(), {
    message: "RunOptions.files names 'row', which is not a file(...) source or sink of this job (it has 'rows') (job 'copy')",
  });
});
