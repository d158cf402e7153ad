// Imports that cannot be read are FLOW2009 at the path, for TypeScript and .flow imports alike; compiled JavaScript
// is imported through the declarations beside it.
import test from "ava";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bundleJob } from "../../../compiler/bundle/bundle.js";
import { importBundle } from "../../../compiler/bundle/import-bundle.js";
import { compile } from "../../../compiler/compile.js";
import { reports } from "../helpers/check.js";

test("a missing .ts import is FLOW2009 at the path", (t) => {
  reports(t, `import { f } from ⟦"./missing.ts"⟧\n`, "FLOW2009");
});

test("a missing .flow import is FLOW2009 at the path, naming the file it looked for", (t) => {
  const found = reports(t, `import { Txn } from ⟦"./schemas/missing.flow"⟧\n`, "FLOW2009");
  t.regex(found?.message ?? "", /`\.\/schemas\/missing\.flow`/);
  t.regex(found?.hint ?? "", /schemas\/missing\.flow/);
});

test("a .flow import that exists is read (no FLOW2009)", (t) => {
  const found = reports(t, `import { ⟦Nope⟧ } from "./schemas.flow"\n`, "FLOW2010", { "schemas.flow": "schema Txn { id: string }\n" });
  t.truthy(found);
});

test("a .js import with its .d.ts beside it is typed by the declarations and runs the JavaScript", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "eddy-js-import-"));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  // What tsc emits for `type int = number; export function twice(x: int): int { … }` in a package's lib/.
  writeFileSync(join(dir, "twice.js"), "export function twice(x) { return 2 * x; }\n");
  writeFileSync(join(dir, "twice.d.ts"), "type int = number;\nexport declare function twice(x: int): int;\nexport {};\n");
  const program = `import { twice } from "./twice.js"
schema N { n: int }
source ns: N = collection([{ n: 1 }, { n: 20 }])
sink out = collect()
job doubled { ns | map { m: twice(n) } | to out }
`;
  const file = join(dir, "job.flow");
  const result = compile(program, file);
  t.deepEqual(result.check.diagnostics.map((d) => d.code), []);
  const { module, dispose } = await importBundle<Record<string, (o: object) => { run(): Promise<unknown> }>>(await bundleJob({ files: result.files, outDir: result.options.outDir, runtime: "shared" }));
  t.teardown(dispose);
  const rows: unknown[] = [];
  await module.doubled!({ sinks: { out: (r: unknown) => void rows.push(r) }, workers: 1 }).run();
  t.deepEqual(rows, [{ m: 2 }, { m: 40 }]);
  // The declarations decide the types: a string argument is a type error, as for a .ts import.
  const wrong = compile(program.replace("twice(n)", 'twice("x")'), file);
  t.deepEqual(wrong.check.diagnostics.map((d) => d.code), ["FLOW3005"], "a type mismatch at the argument");
});

test("a .js import without declarations beside it is FLOW2019", (t) => {
  reports(t, `import { f } from ⟦"./plain.js"⟧\n`, "FLOW2019");
});
