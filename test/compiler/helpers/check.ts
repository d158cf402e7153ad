// Test helpers: check `.flow` text against an in-memory file system, and assert diagnostics by code and marked span.
import type { ExecutionContext } from "ava";
import { relative } from "node:path";
import { check, type CheckResult, type CompilerHost } from "../../../compiler/index.js";
import type { Diagnostic } from "../../../compiler/diagnostics/diagnostic.js";
import { formatDiagnostics } from "../../../compiler/diagnostics/format.js";

export const MAIN = "main.flow";

/**
 * Checks `source` as main.flow; `files` are the other files it may import or read, by path relative to it (the
 * current directory): input files of `file(…)` sources are looked up there too.
 */
export function checkText(source: string, files: Readonly<Record<string, string>> = {}): CheckResult {
  return check(source, MAIN, { host: memoryHost(files) });
}

export function memoryHost(files: Readonly<Record<string, string>>): CompilerHost {
  return {
    readFile: (path) => files[path],
    inputSize: (path) => files[relative(process.cwd(), path)]?.length,
  };
}

/**
 * `⟦` and `⟧` mark the span a diagnostic must point at; returns the source without them and the span.
 */
export function unmark(marked: string): { source: string; span?: { start: number; end: number } } {
  const start = marked.indexOf("⟦");
  if (start < 0) return { source: marked };
  const end = marked.indexOf("⟧") - 1;
  return { source: marked.replace("⟦", "").replace("⟧", ""), span: { start, end } };
}

/** Asserts that checking `marked` reports `code` at the marked span (in main.flow). */
export function reports(t: ExecutionContext, marked: string, code: string, files: Readonly<Record<string, string>> = {}): Diagnostic | undefined {
  const { source, span } = unmark(marked);
  const result = checkText(source, files);
  const sources = (f: string) => result.sources.get(f);
  const found = result.diagnostics.find((d) => d.code === code && d.file === MAIN && (span === undefined || (d.span.start === span.start && d.span.end === span.end)));
  t.truthy(found, `expected ${code}${span ? ` at ${span.start}-${span.end} (\`${source.slice(span.start, span.end)}\`)` : ""}, got:\n${formatDiagnostics(result.diagnostics, sources)}`);
  return found;
}

/** Asserts that checking reports no error (warnings allowed). */
export function checksClean(t: ExecutionContext, source: string, files: Readonly<Record<string, string>> = {}): CheckResult {
  const result = checkText(source, files);
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  t.deepEqual(errors.map((d) => d.code), [], formatDiagnostics(errors, (f) => result.sources.get(f)));
  return result;
}

/** Shared declarations for small test programs. */
export const PRELUDE = `schema Txn { id: string, account: string, amount: float, country: string, ts: timestamp }
source txns: Txn = collection([]) watermark ts delay 1s
sink out = collect()
`;
