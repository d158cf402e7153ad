// Errors of the Table API: the SQL diagnostics of the query a Table printed, with the Table API call that built the
// part of the query they point at. Each call registers the Query node it made; the printed script is parsed again
// (printSql round-trips, so the parsed tree has the built tree's shape) and the innermost registered query whose
// printed span holds the diagnostic names the call.
import type { Diagnostic } from "../compiler/diagnostics/diagnostic.js";
import { formatDiagnostics } from "../compiler/diagnostics/format.js";
import type { Query, Statement } from "../compiler/sql/ast.js";
import { parseSql } from "../compiler/sql/parse-sql.js";

const ORIGINS = new WeakMap<object, string>();

/** Records that `query` was built by `call` (a description such as `where(price > 10)`). */
export function builtBy<Q extends Query>(query: Q, call: string): Q {
  ORIGINS.set(query, call);
  return query;
}

export class TableApiError extends Error {
  constructor(message: string, readonly diagnostics: readonly Diagnostic[]) {
    super(message);
    this.name = "TableApiError";
  }
}

/** The error for `diagnostics` of the script `text`, printed from `statements`; `action` says what was being done. */
export function tableApiError(action: string, text: string, file: string, statements: readonly Statement[], diagnostics: readonly Diagnostic[]): TableApiError {
  const errors = diagnostics.filter((d) => d.severity === "error");
  const first = errors[0] ?? diagnostics[0];
  const call = first === undefined ? undefined : callAt(text, file, statements, first.span.start);
  const formatted = formatDiagnostics(errors.length > 0 ? errors : diagnostics, (f) => (f === file ? text : undefined));
  const where = call === undefined || call === action ? "" : ` (in the query built by ${call})`;
  return new TableApiError(`${action} failed${where}:\n${formatted}`, diagnostics);
}

function callAt(text: string, file: string, statements: readonly Statement[], offset: number): string | undefined {
  const parsed = parseSql(text, file);
  if (parsed.statements.length !== statements.length) return undefined;
  let best: { call: string; size: number } | undefined;
  const visit = (built: unknown, printed: unknown): void => {
    if (typeof built !== "object" || built === null || typeof printed !== "object" || printed === null) return;
    const call = ORIGINS.get(built);
    if (call !== undefined) {
      const span = (printed as { span?: { start: number; end: number } }).span;
      if (span !== undefined && span.start <= offset && offset <= span.end && (best === undefined || span.end - span.start < best.size)) best = { call, size: span.end - span.start };
    }
    if (Array.isArray(built)) {
      if (!Array.isArray(printed)) return;
      built.forEach((b, i) => visit(b, printed[i]));
      return;
    }
    for (const [key, value] of Object.entries(built)) if (key !== "span") visit(value, (printed as Record<string, unknown>)[key]);
  };
  visit(statements, parsed.statements);
  return best?.call;
}
