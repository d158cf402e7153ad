// The Diagnostic value and the reporter that passes use to create diagnostics from the catalogue.
import type { Span } from "../ast/span.js";
import { messages, renderMessage, type DiagnosticCode } from "./messages.js";

export type Severity = "error" | "warning";

/** A secondary location ("first defined here"), possibly in another file (a .ts declaration, an imported .flow). */
export interface DiagnosticNote {
  readonly message: string;
  readonly span: Span;
  readonly file: string;
}

export interface Diagnostic {
  readonly severity: Severity;
  readonly code: DiagnosticCode;
  readonly message: string;
  readonly span: Span;
  readonly file: string;
  readonly hint?: string;
  readonly notes?: readonly DiagnosticNote[];
}

export type MessageArgs = Readonly<Record<string, string | number>>;

export interface ReportExtras {
  readonly notes?: readonly DiagnosticNote[];
  /** Overrides the catalogue's hint (e.g. "did you mean `amount`?"). */
  readonly hint?: string;
}

export function createDiagnostic(code: DiagnosticCode, file: string, span: Span, args: MessageArgs = {}, extras: ReportExtras = {}): Diagnostic {
  const template = messages[code];
  const catalogueHint = "hint" in template ? renderMessage(template.hint, args) : undefined;
  const hint = extras.hint ?? catalogueHint;
  return {
    severity: template.severity,
    code,
    message: renderMessage(template.text, args),
    span,
    file,
    ...(hint === undefined ? {} : { hint }),
    ...(extras.notes === undefined || extras.notes.length === 0 ? {} : { notes: extras.notes }),
  };
}

/** Collects diagnostics for one file; passes call `report` and never throw. */
export class Reporter {
  readonly diagnostics: Diagnostic[] = [];

  constructor(readonly file: string) {}

  report(code: DiagnosticCode, span: Span, args: MessageArgs = {}, extras: ReportExtras = {}): void {
    this.diagnostics.push(createDiagnostic(code, this.file, span, args, extras));
  }

  /** A note in this reporter's file. */
  note(message: string, span: Span): DiagnosticNote {
    return { message, span, file: this.file };
  }

  errorCount(): number {
    return this.diagnostics.filter((d) => d.severity === "error").length;
  }
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

/** Orders diagnostics by file, then position, so output is stable whatever order passes ran in. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) =>
    a.file < b.file ? -1 : a.file > b.file ? 1 : a.span.start - b.span.start || a.span.end - b.span.end || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
}
