// Collects what a generated file imports (runtime API, runtime support (runtime/support/) helpers, types, UDF modules) and writes the
// import declarations: the runtime and the support by package name (`eddy`, `eddy/support`), UDF modules by paths
// relative to the output directory.
import { relative, resolve, sep } from "node:path";
import type { GeneratedFile } from "./generated-file.js";
import type { BackEndOptions } from "../passes/back-end-context.js";

export class Imports {
  private readonly runtime = new Set<string>();
  private readonly runtimeTypes = new Set<string>();
  private readonly support = new Set<string>();
  private readonly ml = new Set<string>();
  private readonly supportTypes = new Set<string>();
  private readonly local = new Map<string, Set<string>>();
  private readonly localTypes = new Map<string, Set<string>>();
  private readonly udfs = new Map<string, Map<string, string>>();
  private readonly udfNames = new Set<string>();
  private readonly callSites = new Map<string, string>();

  constructor(private readonly options: BackEndOptions) {}

  fromRuntime(name: string, typeOnly = false): string {
    (typeOnly ? this.runtimeTypes : this.runtime).add(name);
    return name;
  }
  fromSupport(name: string, typeOnly = false): string {
    (typeOnly ? this.supportTypes : this.support).add(name);
    return name;
  }
  /** From ml/ (`eddy/ml`): only jobs that `predict` import it, so other bundles stay without it. */
  fromMl(name: string): string {
    this.ml.add(name);
    return name;
  }
  fromLocal(file: string, name: string, typeOnly = false): string {
    const map = typeOnly ? this.localTypes : this.local;
    let set = map.get(file);
    if (set === undefined) map.set(file, (set = new Set()));
    set.add(name);
    return name;
  }
  /** The local name of an imported TypeScript function (renamed when two modules export the same name). */
  udf(module: string, exportName: string): string {
    let names = this.udfs.get(module);
    if (names === undefined) this.udfs.set(module, (names = new Map()));
    const existing = names.get(exportName);
    if (existing !== undefined) return existing;
    let local = exportName;
    while (this.udfNames.has(local)) local = `${local}_`;
    this.udfNames.add(local);
    names.set(exportName, local);
    return local;
  }
  /**
   * A wrapper around one `.flow` call of an imported function: it calls the function with the same arguments and,
   * if the function throws, throws a UdfFailure naming the function and `location`. One small function per call site,
   * so that record loops hold no try/catch; V8 inlines it (bench/fusion measures the cost).
   */
  udfCallSite(module: string, exportName: string, location: string, suffix: string, arity: number): string {
    const fn = this.udf(module, exportName);
    const name = `${fn}At${suffix}`;
    if (!this.callSites.has(name)) {
      const params = Array.from({ length: arity }, (_, i) => `a${i}: Parameters<typeof ${fn}>[${i}]`).join(", ");
      const args = Array.from({ length: arity }, (_, i) => `a${i}`).join(", ");
      const failure = this.fromSupport("udfFailure");
      this.callSites.set(name, `/** ${location}: \`${exportName}\`, named in the failure if it throws. */
function ${name}(${params}): ReturnType<typeof ${fn}> {
  try {
    return ${fn}(${args});
  } catch (e) {
    throw ${failure}(e, ${JSON.stringify(exportName)}, ${JSON.stringify(location)});
  }
}`);
    }
    return name;
  }
  /** Every UDF as `module#export` → local name (the interpreter's table). */
  udfTable(): [string, string][] {
    return [...this.udfs].flatMap(([module, names]) => [...names].map(([exp, local]) => [`${module}#${exp}`, local] as [string, string]));
  }

  apply(file: GeneratedFile): void {
    const add = (moduleSpecifier: string, values: Iterable<string>, types: Iterable<string>) => {
      const named = [...[...values].sort().map((name) => ({ name })), ...[...types].filter((t) => ![...values].includes(t)).sort().map((name) => ({ name, isTypeOnly: true }))];
      if (named.length > 0) file.addImportDeclaration({ moduleSpecifier, namedImports: named });
    };
    add(this.options.runtimeImport, this.runtime, this.runtimeTypes);
    add(this.options.supportImport, this.support, this.supportTypes);
    add(this.options.mlImport ?? "eddy/ml", this.ml, []);
    for (const [module, names] of this.udfs) {
      file.addImportDeclaration({ moduleSpecifier: moduleSpecifierFor(this.options.outDir, module), namedImports: [...names].map(([name, alias]) => (alias === name ? { name } : { name, alias })) });
    }
    const files = new Set([...this.local.keys(), ...this.localTypes.keys()]);
    for (const f of files) add(`./${f}`, this.local.get(f) ?? [], this.localTypes.get(f) ?? []);
    if (this.callSites.size > 0) file.addStatements(`\n// Call sites of imported functions (see Imports.udfCallSite).\n${[...this.callSites.values()].join("\n\n")}`);
  }
}

/** `./udf/risk.js` for `<outDir>/../udf/risk.ts`: relative, with the .js extension NodeNext resolution expects. */
export function moduleSpecifierFor(outDir: string, module: string): string {
  let rel = relative(resolve(outDir), resolve(module)).split(sep).join("/");
  if (!rel.startsWith(".")) rel = `./${rel}`;
  return rel.replace(/\.(c|m)?ts$/, (_m, c: string | undefined) => `.${c ?? ""}js`);
}
