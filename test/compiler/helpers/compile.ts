// Test helpers for the back end: compile `.flow` text from memory, find plan nodes, type-check generated code.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
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

const STRICT: ts.CompilerOptions = {
  strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
  skipLibCheck: true, types: ["node"], lib: ["lib.es2023.d.ts"], verbatimModuleSyntax: true, noImplicitOverride: true,
  // why: generated code imports `eddy` and `eddy/support`; in the repository they resolve to the sources
  customConditions: ["eddy-source"],
};

// Parsed (and, once a program checked them, bound) files other than the ones checked — the runtime's sources, the
// standard library's and node's declarations — kept for the next check, as a language service keeps them: each check
// then parses and binds its own files only. The sources do not change while the tests run; what tests write does.
const parsed = new Map<string, ts.SourceFile>();
const host = ts.createCompilerHost(STRICT);
const { getSourceFile } = host;
let checking: ReadonlySet<string> = new Set();
// why not the scratch and temporary folders: tests write files there (a UDF module beside generated code) and may
// write the same path again with other text
const unchanging = (fileName: string) => !fileName.includes("/.scratch/") && !fileName.startsWith(tmpdir().replaceAll("\\", "/"));
host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
  if (checking.has(fileName) || !unchanging(fileName)) return getSourceFile.call(host, fileName, languageVersion, onError, shouldCreate);
  let file = parsed.get(fileName);
  if (file === undefined) {
    file = getSourceFile.call(host, fileName, languageVersion, onError, shouldCreate);
    if (file !== undefined) parsed.set(fileName, file);
  }
  return file;
};

/**
 * Strict tsc diagnostics of `files` (NodeNext, as a user's project type-checks generated code), one line each. Only
 * `files` are checked: what they import (the runtime) is type-checked by `npm run typecheck`, and checking it again per
 * call cost seconds.
 */
export function strictDiagnostics(files: readonly string[]): string[] {
  checking = new Set(files.map((f) => f.replaceAll("\\", "/")));
  const program = ts.createProgram(files, STRICT, host);
  const own = program.getSourceFiles().filter((f) => checking.has(f.fileName));
  const diagnostics = [
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...own.flatMap((f) => [...program.getSyntacticDiagnostics(f), ...program.getSemanticDiagnostics(f)]),
  ];
  if (own.length !== files.length) throw new Error(`strictDiagnostics: ${files.length - own.length} of the files to check were not found in the program`);
  return diagnostics.map((d) => `${d.file?.fileName ?? ""}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
}

export function scratchDir(name: string): string {
  const dir = join(EDDY_ROOT, ".scratch", `${name}-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  return dir;
}
