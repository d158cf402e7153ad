// The SQL text compiled for one statement of a session: the session's DDL and SET/RESET statements so far (from
// whichever script or prompt input they came) and the statement itself, each left where it was written in its input
// — everything else blanked to spaces, newlines kept — so that an offset into the composed text leads back to a file
// and an offset in it (a diagnostic's caret lands where the user wrote the statement).
import type { Span } from "../../compiler/ast/span.js";
import type { Diagnostic } from "../../compiler/diagnostics/diagnostic.js";

/** One input of the session: a -f file, the -e text or a statement typed at the prompt. */
export interface SessionInput {
  readonly file: string;
  /** The text as given (the client commands in it blanked, see blankSpans). */
  readonly text: string;
}

/** A statement of an input, its terminating `;` included when there is one. */
export interface PlacedStatement {
  readonly input: SessionInput;
  readonly range: Span;
}

export interface ComposedScript {
  readonly text: string;
  /** Where a diagnostic of the composed text was written: its input's file and a span in that input. */
  relocate(diagnostic: Diagnostic, composedFile: string): Diagnostic;
}

// why a `;` between inputs: an input's last statement may end without one
const SEPARATOR = "\n;\n";

/** Composes `statements` (in session order); each input appears once, where its first statement puts it. */
export function composeScript(statements: readonly PlacedStatement[]): ComposedScript {
  const inputs: { input: SessionInput; keep: Span[] }[] = [];
  for (const s of statements) {
    let entry = inputs.find((e) => e.input === s.input);
    if (entry === undefined) inputs.push((entry = { input: s.input, keep: [] }));
    entry.keep.push(s.range);
  }
  const segments: { file: string; base: number; length: number }[] = [];
  let text = "";
  for (const { input, keep } of inputs) {
    if (text !== "") text += SEPARATOR;
    segments.push({ file: input.file, base: text.length, length: input.text.length });
    text += keepOnly(input.text, keep);
  }
  const relocateSpan = (file: string, span: Span, composedFile: string): { file: string; span: Span } => {
    if (file !== composedFile) return { file, span };
    const segment = segments.find((s) => s.base <= span.start && span.start <= s.base + s.length);
    if (segment === undefined) return { file, span };
    const end = Math.min(span.end, segment.base + segment.length);
    return { file: segment.file, span: { start: span.start - segment.base, end: Math.max(end, span.start) - segment.base } };
  };
  return {
    text,
    relocate(d, composedFile) {
      const at = relocateSpan(d.file, d.span, composedFile);
      const notes = d.notes?.map((n) => ({ ...n, ...relocateSpan(n.file, n.span, composedFile) }));
      return { ...d, file: at.file, span: at.span, ...(notes === undefined ? {} : { notes }) };
    },
  };
}

/** `text` with every character outside `keep` replaced by a space (newlines stay, so lines and columns do). */
export function keepOnly(text: string, keep: readonly Span[]): string {
  let out = "";
  let at = 0;
  for (const span of [...keep].sort((a, b) => a.start - b.start)) {
    out += blank(text.slice(at, span.start)) + text.slice(Math.max(at, span.start), span.end);
    at = Math.max(at, span.end);
  }
  return out + blank(text.slice(at));
}

/** `text` with the characters of `spans` replaced by spaces (newlines stay). */
export function blankSpans(text: string, spans: readonly Span[]): string {
  let out = text;
  for (const s of spans) out = out.slice(0, s.start) + blank(out.slice(s.start, s.end)) + out.slice(s.end);
  return out;
}

function blank(text: string): string {
  return text.replace(/[^\n]/g, " ");
}
