// Where this copy of eddy lives and which file each of its package entry points (`eddy`, `eddy/support`, …) is: the
// TypeScript sources in a repository checkout, the compiled JavaScript under lib/ in an installed package. The
// package.json `exports` map is the single table; this module must stay cheap to load (the CLI's start-up path).
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = fileURLToPath(import.meta.url);

/** True when eddy runs from its TypeScript sources (a repository checkout, through tsx), false when compiled. */
export const RUNNING_FROM_SOURCES = HERE.endsWith(".ts");

/**
 * The package root: `<root>/compiler/bundle/package-layout.ts` in a checkout, `<root>/lib/compiler/bundle/package-layout.js`
 * once compiled.
 */
export const PACKAGE_ROOT = resolve(dirname(HERE), RUNNING_FROM_SOURCES ? "../.." : "../../..");

/** The export condition naming the TypeScript sources (repository only: tsconfig `customConditions`, the bundler). */
export const SOURCE_CONDITION = "eddy-source";

interface PackageJson {
  readonly name: string;
  readonly version: string;
  readonly exports: Readonly<Record<string, string | Readonly<Record<string, string>>>>;
}

let manifest: PackageJson | undefined;

export function packageJson(): PackageJson {
  manifest ??= JSON.parse(readFileSync(join(PACKAGE_ROOT, "package.json"), "utf8")) as PackageJson;
  return manifest;
}

/** The package names generated code and user code may import (`eddy`, `eddy/cep`, …), in package.json order. */
export function entryPointNames(): string[] {
  const { name, exports } = packageJson();
  return Object.entries(exports)
    .filter(([subpath, target]) => typeof target !== "string" && subpath !== "./package.json")
    .map(([subpath]) => (subpath === "." ? name : `${name}/${subpath.slice(2)}`));
}

/**
 * The file behind a package specifier such as `eddy` or `eddy/support` for this copy of eddy (sources in a checkout,
 * lib/ when installed); undefined when the specifier is not one of the package's entry points.
 */
export function entryPointFile(specifier: string): string | undefined {
  const { name, exports } = packageJson();
  if (specifier !== name && !specifier.startsWith(`${name}/`)) return undefined;
  const target = exports[specifier === name ? "." : `./${specifier.slice(name.length + 1)}`];
  if (target === undefined || typeof target === "string") return undefined;
  const file = RUNNING_FROM_SOURCES ? target[SOURCE_CONDITION] : target.default;
  return file === undefined ? undefined : join(PACKAGE_ROOT, file);
}
