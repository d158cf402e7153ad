// Resolves `import { … } from "…"`: TypeScript functions via ts-morph, declarations from other .flow files.
import { dirname, join } from "node:path";
import type { ImportDecl, ImportName } from "../ast/nodes.js";
import { AGGREGATES } from "../types/aggregates.js";
import { BUILTINS } from "../types/builtins.js";
import { readTypeScriptModule, type TypeScriptModule } from "../types/from-typescript.js";
import type { CheckContext } from "./context.js";

export function resolveImports(ctx: CheckContext): void {
  for (const decl of ctx.program.declarations) {
    if (decl.kind !== "ImportDecl") continue;
    const spec = decl.from.value;
    // Import paths are relative to the importing file, like ES modules.
    const path = spec.startsWith(".") ? join(dirname(ctx.file), spec) : spec;
    if (spec.endsWith(".ts")) importTypeScript(ctx, decl, path, path);
    // why: compiled JavaScript with its declarations beside it (a package's lib/) types its functions by the .d.ts
    else if (spec.endsWith(".js") && ctx.host.readFile(declarationsOf(path)) !== undefined) importTypeScript(ctx, decl, declarationsOf(path), path);
    else if (spec.endsWith(".flow")) importFlow(ctx, decl, path);
    else ctx.reporter.report("FLOW2019", decl.from.span, { path: spec });
  }
}

const localName = (n: ImportName) => n.alias ?? n.name;

const declarationsOf = (js: string) => js.replace(/\.js$/, ".d.ts");

/** `path`: the TypeScript (or declaration) file giving the types; `codeModule`: the module generated code imports. */
function importTypeScript(ctx: CheckContext, decl: ImportDecl, path: string, codeModule: string): void {
  const text = ctx.host.readFile(path);
  if (text === undefined) {
    ctx.reporter.report("FLOW2009", decl.from.span, { path: decl.from.value, resolved: path });
    return;
  }
  ctx.sources.set(path, text);
  const module: TypeScriptModule = readTypeScriptModule(path, text, codeModule);
  for (const name of decl.names) {
    const local = localName(name);
    if (BUILTINS.has(local.name) || AGGREGATES.has(local.name)) {
      ctx.reporter.report("FLOW2014", local.span, { name: local.name });
      continue;
    }
    const found = module.lookup(name.name.name);
    if (found.kind === "missing") {
      ctx.reporter.report("FLOW2010", name.name.span, { path: decl.from.value, name: name.name.name });
    } else if (found.kind === "notFunction") {
      ctx.reporter.report("FLOW3022", name.name.span, { name: name.name.name }, { notes: [{ message: "declared here", span: found.span, file: path }] });
    } else {
      ctx.imports.push({ kind: "function", name: local.name, file: path, span: found.signature.declaration.span, importedBy: name, used: false, udf: found.signature });
    }
  }
}

function importFlow(ctx: CheckContext, decl: ImportDecl, path: string): void {
  const module = ctx.loadFlowModule(path, ctx.file);
  if (module === "cycle") {
    ctx.reporter.report("FLOW2020", decl.from.span, { path: decl.from.value });
    return;
  }
  if (module === undefined) {
    ctx.reporter.report("FLOW2009", decl.from.span, { path: decl.from.value, resolved: path });
    return;
  }
  ctx.importedDiagnostics.push(...module.diagnostics);
  for (const name of decl.names) {
    const symbol = module.exports.get(name.name.name);
    if (symbol === undefined) {
      ctx.reporter.report("FLOW2010", name.name.span, { path: decl.from.value, name: name.name.name });
      continue;
    }
    // A copy: `used` is tracked per importing file, while the declaration (and its annotations) is shared.
    ctx.imports.push({ ...symbol, name: localName(name).name, importedBy: name, used: false });
  }
}
