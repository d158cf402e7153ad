// Eddy as a user gets it: `npm pack`, installed from the tarball into a fresh project. Plain node (no tsx) imports the
// runtime by name and runs a DataStream job; the installed `eddy` bin compiles a .flow file; the generated TypeScript
// and the bundle's declarations type-check with tsc in that project; the bundle runs with its own command line.
// Network: `npm install --prefer-offline` takes the dependencies from the npm cache when they are there.
import test from "ava";
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const REPO = fileURLToPath(new URL("../../../", import.meta.url));
const VERSION = (JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")) as { version: string }).version;
const work = mkdtempSync(join(tmpdir(), "eddy-package-"));
const project = join(work, "project");

// why: the children must be a user's plain node and npm, not this test's tsx loader or source condition
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== "NODE_OPTIONS" && !k.startsWith("npm_")));

function run(command: string, args: readonly string[], cwd: string): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, env, encoding: "utf8", timeout: 240_000 });
}

function ok(r: SpawnSyncReturns<string>, what: string): string {
  if (r.status !== 0) throw new Error(`${what} failed (exit ${r.status}):\n${r.stderr}\n${r.stdout}`);
  return r.stdout;
}

test.before(() => {
  // 1. The tarball, built as for publishing (prepare compiles lib/).
  const packed = ok(run("npm", ["pack", "--pack-destination", work, "--silent"], REPO), "npm pack").trim().split("\n").pop()!;
  // 2. A fresh ES-module project that installs it, with TypeScript for the type-check.
  spawnSync("mkdir", [project]);
  writeFileSync(join(project, "package.json"), `${JSON.stringify({ name: "eddy-user", version: "1.0.0", private: true, type: "module" }, null, 2)}\n`);
  ok(run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error", join(work, packed), "typescript@~5.9.3", "@types/node@^20.19.0"], project), "npm install");
});

test.after.always(() => rmSync(work, { recursive: true, force: true }));

test("the installed package holds compiled JavaScript and declarations, no TypeScript sources, and no tsx", (t) => {
  const installed = join(project, "node_modules", "eddy");
  for (const entry of ["lib/runtime/index.js", "lib/runtime/index.d.ts", "lib/cep/index.js", "lib/compiler/api.js", "lib/runtime/support/index.d.ts", "lib/bin/eddy.js", "bin/eddy.js"]) {
    t.true(existsSync(join(installed, entry)), entry);
  }
  const sources = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith(".ts") && !e.name.endsWith(".d.ts") ? [join(dir, e.name)] : []));
  t.deepEqual(sources(installed), []);
  t.false(existsSync(join(project, "node_modules", "tsx")), "tsx is a devDependency only");
});

test("plain node imports StreamExecutionEnvironment from \"eddy\" and runs a DataStream job", (t) => {
  writeFileSync(join(project, "lengths.mjs"), `import { CollectionSource, StreamExecutionEnvironment, WatermarkStrategy } from "eddy";
import { Pattern } from "eddy/cep";
import { compile } from "eddy/compiler";
const env = StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(2);
const words = ["stream", "batch", "state", "time", "window", "key"];
const out = await env.fromSource(new CollectionSource(words), WatermarkStrategy.noWatermarks(), "words")
  .map((w) => ({ length: w.length, n: 1 }))
  .keyBy((r) => r.length)
  .reduce((a, b) => ({ length: a.length, n: a.n + b.n }))
  .executeAndCollect();
console.log(JSON.stringify(out.sort((a, b) => a.length - b.length || a.n - b.n)));
console.log(typeof Pattern.begin, typeof compile);
`);
  const r = run(process.execPath, ["lengths.mjs"], project);
  t.is(r.status, 0, r.stderr);
  const [records, entryPoints] = r.stdout.trim().split("\n");
  // Running reduce per length: 6 → stream, window (1, 2); 5 → batch, state (1, 2); 4 → time; 3 → key.
  t.deepEqual(JSON.parse(records!), [
    { length: 3, n: 1 }, { length: 4, n: 1 }, { length: 5, n: 1 }, { length: 5, n: 2 }, { length: 6, n: 1 }, { length: 6, n: 2 },
  ]);
  t.is(entryPoints, "function function");
});

test.serial("the installed eddy bin compiles a .flow file; the generated TypeScript type-checks in the project; the bundle runs", (t) => {
  copyFileSync(join(REPO, "test", "compiler", "bundle", "fixtures", "sales.flow"), join(project, "sales.flow"));
  t.is(ok(run("npx", ["--no-install", "eddy", "--version"], project), "eddy --version").trim(), VERSION);
  t.regex(ok(run("npx", ["--no-install", "eddy", "--help"], project), "eddy --help"), /compile \[options\] <file>/);
  const compiled = run("npx", ["--no-install", "eddy", "compile", "sales.flow", "-o", "dist/sales"], project);
  t.is(compiled.status, 0, compiled.stderr);
  // A second program whose chain is fused into its window aggregate (other generated shapes, same check).
  copyFileSync(join(REPO, "dsl-examples", "wordcount", "wordcount.flow"), join(project, "wordcount.flow"));
  ok(run("npx", ["--no-install", "eddy", "compile", "wordcount.flow", "-o", "dist/wordcount"], project), "eddy compile wordcount.flow");

  // The generated sources import the package by name…
  const job = readFileSync(join(project, "dist", "sales", "src", "job.ts"), "utf8");
  t.regex(job, /from "eddy";/);
  t.regex(job, /from "eddy\/support";/);
  t.notRegex(job, /from "\.\.\//);
  // …and type-check, strictly, with the typed API used from the user's code (a wrong record type must not compile).
  writeFileSync(join(project, "use.ts"), `import { perShop } from "./dist/sales/index.js";
const totals: number[] = [];
await perShop({ sources: { sales: [{ shop: "x", amount: 3, ts: 0 }] }, sinks: { totals: (r) => totals.push(r.total) }, parallelism: 2 }).run();
// @ts-expect-error: amount is an int field
perShop({ sources: { sales: [{ shop: "x", amount: "3", ts: 0 }] } });
export {};
`);
  writeFileSync(join(project, "tsconfig.json"), `${JSON.stringify({
    compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, noEmit: true, skipLibCheck: false, types: ["node"], verbatimModuleSyntax: true },
    include: ["dist/sales/src/*.ts", "dist/wordcount/src/*.ts", "use.ts"],
  }, null, 2)}\n`);
  const tsc = run(process.execPath, [join(project, "node_modules", "typescript", "bin", "tsc"), "-p", "."], project);
  t.is(tsc.status, 0, `tsc: ${tsc.stdout}${tsc.stderr}`);
  t.is(tsc.stdout, "");

  // The bundle's command line: --help lists the job; --parallelism 2 gives the hand-computed totals.
  const help = ok(run(process.execPath, ["dist/sales/index.js", "--help"], project), "index.js --help");
  t.regex(help, /perShop {2}\(sales\.flow:12; parallelism 1, no checkpoints\)/);
  const bundle = run(process.execPath, ["dist/sales/index.js", "--parallelism", "2"], project);
  t.is(bundle.status, 0, bundle.stderr);
  t.deepEqual(bundle.stdout.trim().split("\n").sort(), [
    '{"shop":"east","total":2,"n":1}', '{"shop":"north","total":16,"n":2}', '{"shop":"south","total":1,"n":1}', '{"shop":"south","total":7,"n":1}',
  ]);
  const bad = run(process.execPath, ["dist/sales/index.js", "--parallelism", "none"], project);
  t.is(bad.status, 2);
  t.is(bad.stderr.trim().split("\n").length, 1, bad.stderr);
});

test.serial("the installed eddy bin runs a SQL script that uses Nexmark's built-in CountChar function (compiled, typed by its .d.ts)", (t) => {
  writeFileSync(join(project, "words.jsonl"), '{"s":"banana"}\n{"s":"cherry"}\n');
  writeFileSync(join(project, "count.sql"), `CREATE FUNCTION count_char AS 'com.github.nexmark.flink.udf.CountChar';
CREATE TABLE words (s STRING) WITH ('connector' = 'filesystem', 'path' = 'words.jsonl', 'format' = 'json');
SELECT s, count_char(s, 'a') AS a FROM words;
`);
  const r = run("npx", ["--no-install", "eddy", "run", "count.sql"], project);
  t.is(r.status, 0, r.stderr);
  t.regex(r.stdout, /\{"s":"banana","a":3\}\n\{"s":"cherry","a":0\}/);
});
