// The package entry points come from package.json's exports: in a checkout each names its TypeScript source (the
// `eddy-source` condition), and once built its compiled JavaScript and declarations under lib/.
import test from "ava";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { bundleJob } from "../../../compiler/bundle/bundle.js";
import { entryPointFile, entryPointNames, PACKAGE_ROOT, RUNNING_FROM_SOURCES } from "../../../compiler/bundle/package-layout.js";

const exportsMap = (JSON.parse(readFileSync(join(PACKAGE_ROOT, "package.json"), "utf8")) as { exports: Record<string, string | Record<string, string>> }).exports;

test("in a checkout, eddy runs from its sources and each entry point is a TypeScript source", (t) => {
  t.true(RUNNING_FROM_SOURCES);
  t.deepEqual(entryPointNames(), ["eddy", "eddy/cep", "eddy/ml", "eddy/gelly", "eddy/table", "eddy/spi", "eddy/compiler", "eddy/support"]);
  t.is(entryPointFile("eddy"), join(PACKAGE_ROOT, "runtime", "index.ts"));
  t.is(entryPointFile("eddy/cep"), join(PACKAGE_ROOT, "cep", "index.ts"));
  t.is(entryPointFile("eddy/ml"), join(PACKAGE_ROOT, "ml", "index.ts"));
  t.is(entryPointFile("eddy/gelly"), join(PACKAGE_ROOT, "gelly", "index.ts"));
  t.is(entryPointFile("eddy/compiler"), join(PACKAGE_ROOT, "compiler", "api.ts"));
  t.is(entryPointFile("eddy/support"), join(PACKAGE_ROOT, "runtime", "support", "index.ts"));
  t.is(entryPointFile("eddy/runtime/index.js"), undefined, "no deep imports");
  t.is(entryPointFile("eddyx"), undefined);
});

test("each entry point's compiled target mirrors its source under lib/ (.js and .d.ts)", (t) => {
  for (const [subpath, target] of Object.entries(exportsMap)) {
    if (typeof target === "string") continue;
    const source = target["eddy-source"]!.replace(/^\.\//, "").replace(/\.ts$/, "");
    t.deepEqual(Object.keys(target), ["eddy-source", "types", "default"], `${subpath}: the source condition first, so that it wins where it is set`);
    t.is(target.types, `./lib/${source}.d.ts`, subpath);
    t.is(target.default, `./lib/${source}.js`, subpath);
  }
});

test("generated code importing eddy/... bundles this copy of eddy; an unknown subpath is a clear bundling error", async (t) => {
  const files = new Map([["index.ts", 'import { Time } from "eddy";\nimport { formatLine } from "eddy/support";\nexport const x = [Time.seconds(2), formatLine({ a: 1 }, "csv")];\n']]);
  const js = await bundleJob({ files, outDir: "/nowhere/near/eddy" });
  t.regex(js, /function formatLine\(/);
  const bad = new Map([["index.ts", 'import { x } from "eddy/internal";\nexport { x };\n']]);
  const error = await t.throwsAsync(bundleJob({ files: bad, outDir: "/nowhere" }));
  t.regex(error!.message, /`eddy\/internal` is not an entry point of eddy \(entry points: eddy, eddy\/cep, eddy\/ml, eddy\/gelly, eddy\/table, eddy\/spi, eddy\/compiler, eddy\/support\)/);
});
