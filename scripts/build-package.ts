// Builds what the npm package ships (run by `npm install`'s prepare and by `npm pack`): the parser, then the runtime,
// CEP, ml, Gelly, Table API, compiler and CLI compiled by tsc into lib/ (JavaScript and .d.ts), plus the files tsc does not emit.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const lib = join(root, "lib");
const began = performance.now();

// 1. The parser, which the compiler imports as generated JavaScript.
await import("./build-parser.js");
// 1b. The dashboard the JobManager serves (web/dist; its libraries are bundled in, so it needs nothing at run time).
await import("./build-web.js");

// 2. tsc into a clean lib/ (a file deleted from the sources must not live on in the package).
rmSync(lib, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
const compiled = spawnSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json")], { stdio: "inherit", cwd: root });
if (compiled.status !== 0) {
  console.error("build-package: tsc failed (see above); lib/ is incomplete");
  process.exit(1);
}

// 3. Files tsc does not emit: the generated parser and its typing, and plain-JavaScript modules (worker threads).
const copy = (from: string) => {
  const to = join(lib, relative(root, from));
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(from, to);
};
copy(join(root, "compiler/syntax/generated/parser.js"));
copy(join(root, "compiler/syntax/generated/parser.d.ts"));
copy(join(root, "compiler/sql/generated/parser.js"));
copy(join(root, "compiler/sql/generated/parser.d.ts"));
const plainModules = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? plainModules(join(dir, e.name)) : e.name.endsWith(".mjs") ? [join(dir, e.name)] : []));
for (const dir of ["formats", "runtime", "cep", "ml", "gelly", "compiler", "table"]) for (const file of plainModules(join(root, dir))) copy(file);

// 4. Every entry point of package.json must exist, or `import "eddy/…"` fails only on the user's machine.
const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { exports: Record<string, string | Record<string, string>> };
const missing = Object.values(manifest.exports)
  .flatMap((target) => (typeof target === "string" ? [target] : [target.types!, target.default!]))
  .filter((file) => !existsSync(join(root, file)));
if (missing.length > 0) {
  console.error(`build-package: entry points missing after the build: ${missing.join(", ")}`);
  process.exit(1);
}
console.log(`wrote lib/ in ${((performance.now() - began) / 1000).toFixed(1)} s`);
