// Parses Flink SQL text into located statements; every problem becomes an SQL2xxx diagnostic, never an exception.
import type { Span } from "../ast/span.js";
import { didYouMean } from "../diagnostics/closest-name.js";
import { createDiagnostic, sortDiagnostics, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { Expr, Statement } from "./ast.js";
import { describeSyntaxError } from "./describe-syntax-error.js";
import { parse as generatedParse, SyntaxError as PeggySyntaxError, type GrammarProblem } from "./generated/parser.js";
import { substitutePlaceholders } from "./substitute-placeholders.js";

export interface SqlParseResult {
  /** Empty when the text has a syntax error (the grammar does not recover); complete otherwise. */
  readonly statements: readonly Statement[];
  readonly diagnostics: readonly Diagnostic[];
}

export interface ParseSqlOptions {
  /**
   * Values for `${KEY}` placeholders. When given, placeholders are substituted before parsing and one without a value
   * is an error (SQL2005); when absent, the text is parsed as written.
   */
  readonly defines?: Readonly<Record<string, string>>;
}

const INTERVAL_UNITS = ["YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND"];

/** Parses a script of `;`-separated statements. Spans point into `text` as written, placeholders included. */
export function parseSql(text: string, file: string, options: ParseSqlOptions = {}): SqlParseResult {
  // 1. Placeholders, with the map that sends spans back to the text as written.
  const substitution = options.defines === undefined ? undefined : substitutePlaceholders(text, options.defines);
  const source = substitution?.text ?? text;
  const toOriginal = substitution?.toOriginal ?? ((span: Span) => span);
  const placeholderErrors = (substitution?.undefined ?? []).map((p) => createDiagnostic("SQL2005", file, p.span, { name: p.name }));
  // 2. Parse; problems the grammar could step over are collected on the way.
  const problems: GrammarProblem[] = [];
  let statements: Statement[];
  try {
    statements = generatedParse(source, { grammarSource: file, problems });
  } catch (error) {
    const syntax = failure(error, source, file, toOriginal);
    // A placeholder left in the text (no value) is not SQL: the syntax error it causes says nothing more than SQL2005.
    const causedByPlaceholder = (substitution?.undefined ?? []).some((p) => p.span.start <= syntax.span.start && syntax.span.start < p.span.end);
    return { statements: [], diagnostics: sortDiagnostics(causedByPlaceholder ? placeholderErrors : [...placeholderErrors, syntax]) };
  }
  // 3. Spans back into the original text (nothing to do without substitutions).
  if (substitution !== undefined) remapSpans(statements, toOriginal, new WeakSet());
  return { statements, diagnostics: sortDiagnostics([...placeholderErrors, ...problemDiagnostics(problems, file, toOriginal)]) };
}

/** Parses one SQL expression (for tests and tools). */
export function parseSqlExpression(text: string, file = "<expression>"): { readonly expr?: Expr; readonly diagnostics: readonly Diagnostic[] } {
  try {
    const problems: GrammarProblem[] = [];
    const expr = generatedParse(text, { startRule: "Expression", grammarSource: file, problems });
    return { expr, diagnostics: problemDiagnostics(problems, file, (s) => s) };
  } catch (error) {
    return { diagnostics: [failure(error, text, file, (s) => s)] };
  }
}

function failure(error: unknown, source: string, file: string, toOriginal: (span: Span) => Span): Diagnostic {
  // The recursive-descent parser runs out of stack on absurdly deep nesting; that is the input's fault.
  if (error instanceof RangeError) return createDiagnostic("SQL2006", file, { start: 0, end: 0 });
  // Only peggy's own syntax errors are expected; anything else is a compiler bug for the driver's safety net.
  if (!(error instanceof PeggySyntaxError)) throw error;
  return describeSyntaxError(error, source, file, toOriginal);
}

/** One diagnostic per problem: the grammar backtracks, so the same problem may have been noticed more than once. */
function problemDiagnostics(problems: readonly GrammarProblem[], file: string, toOriginal: (span: Span) => Span): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const p of problems) {
    const key = `${p.code}@${p.span.start}-${p.span.end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const extras = p.code === "SQL2003" ? didYouMean(p.args["unit"] ?? "", INTERVAL_UNITS) : {};
    out.push(createDiagnostic(p.code, file, toOriginal(p.span), p.args, extras));
  }
  return out;
}

/**
 * Rewrites every node's span in place (the tree is fresh from the parser). A node can sit in two places (an inline
 * PRIMARY KEY names its column's identifier), so each object is rewritten once.
 */
function remapSpans(node: unknown, toOriginal: (span: Span) => Span, done: WeakSet<object>): void {
  if (typeof node !== "object" || node === null || done.has(node)) return;
  done.add(node);
  if (Array.isArray(node)) {
    for (const item of node) remapSpans(item, toOriginal, done);
    return;
  }
  const record = node as Record<string, unknown>;
  for (const [key, value] of Object.entries(record)) {
    if (key === "span") record[key] = toOriginal(value as Span);
    else remapSpans(value, toOriginal, done);
  }
}
