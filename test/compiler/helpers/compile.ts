// Test helpers for the back end: compile `.flow` text from memory, find plan nodes, type-check generated code.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { compile, EDDY_ROOT, type CompileOptions, type CompileResult } from "../../../compiler/compile.js";

/** Compiles `source` as `<repo>/.scratch/<name>/main.flow` (generated imports then resolve into the repository). */
export function compileText(source: string, options: CompileOptions & { files?: Readonly<Record<string, string>>; fileName?: string } = {}): CompileResult {
  const files = options.files ?? {};
  return compile(source, options.fileName ?? "main.flow", { ...options, host: { readFile: (p) => files[p] } });
}

/** Writes generated files plus `extra` into a scratch directory of the repository and type-checks them (strict). */
export function typeCheck(result: CompileResult, extra: Readonly<Record<string, string>> = {}): { diagnostics: string[]; dir: string } {
  const dir = result.options.outDir;
  mkdirSync(dir, { recursive: true });
  const names: string[] = [];
  for (const [name, text] of result.files) {
    writeFileSync(join(dir, name), text);
    names.push(join(dir, name));
  }
  for (const [name, text] of Object.entries(extra)) {
    writeFileSync(join(dir, name), text);
    names.push(join(dir, name));
  }
  return { diagnostics: strictDiagnostics(names), dir };
}

/** Strict tsc diagnostics of `files` (NodeNext, as a user's project type-checks generated code), one line each. */
export function strictDiagnostics(files: readonly string[]): string[] {
  const program = ts.createProgram(files, {
    strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
    skipLibCheck: true, types: ["node"], lib: ["lib.es2023.d.ts"], verbatimModuleSyntax: true, noImplicitOverride: true,
    // why: generated code imports `eddy` and `eddy/support`; in the repository they resolve to the sources
    customConditions: ["eddy-source"],
  });
  return ts.getPreEmitDiagnostics(program).map((d) => `${d.file?.fileName ?? ""}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
}

export function scratchDir(name: string): string {
  const dir = join(EDDY_ROOT, ".scratch", `${name}-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  return dir;
}
