// The module rule (.dependency-cruiser.cjs): operator libraries — cep/, gelly/ and, when they exist, ml/ and table/ —
// import the runtime's public API (runtime/index.ts) and its extension surface (runtime/spi.ts), nothing else of it.
import test from "ava";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { cruise, type ICruiseOptions, type IViolation } from "dependency-cruiser";
import extractTypeScriptConfig from "dependency-cruiser/config-utl/extract-ts-config";

const require = createRequire(import.meta.url);
const config = require("../../.dependency-cruiser.cjs") as { forbidden: NonNullable<ICruiseOptions["ruleSet"]>["forbidden"]; options: ICruiseOptions };
const LIBRARIES = ["cep", "gelly", "ml", "table"].filter((dir) => existsSync(dir));

async function violations(paths: string[], fromPath: string): Promise<string[]> {
  const forbidden = config.forbidden!.map((rule) => ({ ...rule, from: { ...rule.from, path: fromPath } }));
  const tsConfig = extractTypeScriptConfig("tsconfig.json");
  const result = await cruise(paths, { ...config.options, validate: true, ruleSet: { forbidden } }, undefined, { tsConfig });
  const output = result.output as { summary: { violations: IViolation[] } };
  return output.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
}

test("libraries import only runtime/index.ts and runtime/spi.ts", async (t) => {
  t.true(LIBRARIES.includes("cep") && LIBRARIES.includes("gelly"));
  t.deepEqual(await violations(LIBRARIES, config.forbidden![0]!.from.path as string), []);
});

test("the rule rejects a library module that imports a runtime internal", async (t) => {
  const found = await violations(["test/architecture/fixtures/library"], "^test/architecture/fixtures/library/");
  t.deepEqual(found, ["libraries-use-runtime-api-and-spi: test/architecture/fixtures/library/reaches-inside.ts → runtime/state/state-table.ts"]);
});
