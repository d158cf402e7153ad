// The module rules (.dependency-cruiser.cjs): operator libraries — cep/, gelly/, ml/ and table/ — import the runtime's
// public API (runtime/index.ts) and its extension surface (runtime/spi.ts), nothing else of it; compiler/ imports
// nothing of the engine (what it shares with the runtime is a data contract in formats/); formats/ imports neither.
import test from "ava";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { cruise, type ICruiseOptions, type IViolation } from "dependency-cruiser";
import extractTypeScriptConfig from "dependency-cruiser/config-utl/extract-ts-config";

const require = createRequire(import.meta.url);
const config = require("../../.dependency-cruiser.cjs") as { forbidden: NonNullable<ICruiseOptions["ruleSet"]>["forbidden"]; options: ICruiseOptions };
const LIBRARIES = ["cep", "gelly", "ml", "table"].filter((dir) => existsSync(dir));

type RuleName = "libraries-use-runtime-api-and-spi" | "compiler-imports-no-engine" | "formats-import-nothing" | "back-end-reads-no-syntax";

/** The violations of one rule among `paths`, the rule applied to modules under `fromPath` (a fixture, or its own). */
async function violations(paths: string[], name: RuleName, fromPath?: string): Promise<string[]> {
  const rule = config.forbidden!.find((r) => r.name === name)!;
  const forbidden = [{ ...rule, from: { ...rule.from, path: fromPath ?? rule.from.path } }];
  const tsConfig = extractTypeScriptConfig("tsconfig.json");
  const result = await cruise(paths, { ...config.options, validate: true, ruleSet: { forbidden } }, undefined, { tsConfig });
  const output = result.output as { summary: { violations: IViolation[] } };
  return output.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
}

test("libraries import only runtime/index.ts and runtime/spi.ts", async (t) => {
  t.true(LIBRARIES.includes("cep") && LIBRARIES.includes("gelly"));
  t.deepEqual(await violations(LIBRARIES, "libraries-use-runtime-api-and-spi"), []);
});

test("the library rule rejects a library module that imports a runtime internal", async (t) => {
  const found = await violations(["test/architecture/fixtures/library"], "libraries-use-runtime-api-and-spi", "^test/architecture/fixtures/library/");
  t.deepEqual(found, ["libraries-use-runtime-api-and-spi: test/architecture/fixtures/library/reaches-inside.ts → runtime/state/state-table.ts"]);
});

test("compiler/ imports nothing of the engine, and formats/ imports neither side", async (t) => {
  t.deepEqual(await violations(["compiler"], "compiler-imports-no-engine"), []);
  t.deepEqual(await violations(["formats"], "formats-import-nothing"), []);
});

test("after lower-to-plan the back end imports no syntax-tree module; the rule catches one that does", async (t) => {
  t.deepEqual(await violations(["compiler"], "back-end-reads-no-syntax"), []);
  // lower-to-plan is the back end's one reader of the syntax tree: held to the rule, it breaks it
  const found = await violations(["compiler/passes/lower-to-plan.ts"], "back-end-reads-no-syntax", "^compiler/passes/lower-to-plan\\.ts$");
  t.true(found.includes("back-end-reads-no-syntax: compiler/passes/lower-to-plan.ts → compiler/ast/nodes.ts"), found.join("; "));
});

test("the compiler rule rejects a compiler module that imports the runtime", async (t) => {
  // The library fixture imports runtime/state and runtime/spi: read as a compiler module, both break the compiler rule.
  const found = await violations(["test/architecture/fixtures/library"], "compiler-imports-no-engine", "^test/architecture/fixtures/library/");
  t.deepEqual(found.sort(), [
    "compiler-imports-no-engine: test/architecture/fixtures/library/reaches-inside.ts → runtime/spi.ts",
    "compiler-imports-no-engine: test/architecture/fixtures/library/reaches-inside.ts → runtime/state/state-table.ts",
  ]);
});
