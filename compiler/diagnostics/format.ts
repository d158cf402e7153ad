// Renders diagnostics for people: header, `--> file:line:col`, the source line with carets, notes, help, summary.
import pc from "picocolors";
import type { Span } from "../ast/span.js";
import type { Diagnostic } from "./diagnostic.js";
import { LineMap } from "./line-map.js";

export interface FormatOptions {
  /** ANSI colours; off unless asked for (the CLI turns it on for a TTY). */
  readonly color?: boolean;
}

/** Source text by file name; files it does not know are printed without an excerpt. */
export type SourceLookup = (file: string) => string | undefined;

type Colors = ReturnType<typeof pc.createColors>;

export function formatDiagnostic(diagnostic: Diagnostic, sources: SourceLookup, options: FormatOptions = {}): string {
  const c = pc.createColors(options.color === true);
  const paint = diagnostic.severity === "error" ? (s: string) => c.bold(c.red(s)) : (s: string) => c.bold(c.yellow(s));
  const maps = new Map<string, LineMap | undefined>();
  const mapFor = (file: string): LineMap | undefined => {
    if (!maps.has(file)) {
      const text = sources(file);
      maps.set(file, text === undefined ? undefined : new LineMap(text));
    }
    return maps.get(file);
  };

  // The gutter is as wide as the largest line number printed, so all `|` line up.
  const lineOf = (file: string, offset: number) => mapFor(file)?.position(offset).line ?? 0;
  const gutter = Math.max(
    String(lineOf(diagnostic.file, diagnostic.span.start)).length,
    ...(diagnostic.notes ?? []).map((n) => String(lineOf(n.file, n.span.start)).length),
  );

  const out: string[] = [`${paint(`${diagnostic.severity}[${diagnostic.code}]`)}${c.bold(`: ${diagnostic.message}`)}`];
  out.push(...excerpt(diagnostic.file, diagnostic.span, mapFor(diagnostic.file), gutter, paint, c));
  for (const note of diagnostic.notes ?? []) {
    out.push(`${c.bold("note")}: ${note.message}`);
    out.push(...excerpt(note.file, note.span, mapFor(note.file), gutter, (s) => c.bold(c.blue(s)), c));
  }
  if (diagnostic.hint !== undefined) out.push(`${c.bold("help")}: ${diagnostic.hint}`);
  return out.join("\n");
}

function excerpt(file: string, span: Span, map: LineMap | undefined, gutter: number, paint: (s: string) => string, c: Colors): string[] {
  const pad = " ".repeat(gutter);
  if (map === undefined) return [`${pad}${c.blue("-->")} ${file}`];
  const start = map.position(span.start);
  const text = map.lineText(start.line);
  // A span running past its first line is underlined to that line's end; an empty span gets one caret.
  const lineEndColumn = text.length + 1;
  const endColumn = span.end > span.start ? Math.min(map.position(span.end).column, lineEndColumn) : start.column + 1;
  const width = Math.max(1, endColumn - start.column);
  // Keep tabs from the source line so the carets sit under the same characters in any terminal.
  const lead = text.slice(0, start.column - 1).replace(/[^\t]/g, " ");
  const number = String(start.line).padStart(gutter);
  return [
    `${pad}${c.blue("-->")} ${file}:${start.line}:${start.column}`,
    `${pad} ${c.blue("|")}`,
    `${c.blue(number)} ${c.blue("|")} ${text}`,
    `${pad} ${c.blue("|")} ${lead}${paint("^".repeat(width))}`,
  ];
}

/** "2 errors, 1 warning"; empty when there is nothing to report. */
export function formatSummary(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.length - errors;
  const parts: string[] = [];
  if (errors > 0) parts.push(`${errors} ${errors === 1 ? "error" : "errors"}`);
  if (warnings > 0) parts.push(`${warnings} ${warnings === 1 ? "warning" : "warnings"}`);
  return parts.join(", ");
}

/** All diagnostics separated by blank lines, then the summary. */
export function formatDiagnostics(diagnostics: readonly Diagnostic[], sources: SourceLookup, options: FormatOptions = {}): string {
  if (diagnostics.length === 0) return "";
  const blocks = diagnostics.map((d) => formatDiagnostic(d, sources, options));
  return `${blocks.join("\n\n")}\n\n${formatSummary(diagnostics)}\n`;
}
