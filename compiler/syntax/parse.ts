// Parses `.flow` source into an AST; a syntax error becomes a FLOW1001 diagnostic, never an exception.
import type { Expr, Program } from "../ast/nodes.js";
import { describeExpected, type ExpectationGroup } from "../diagnostics/describe-expected.js";
import { createDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { unclosedBracket } from "./unclosed-bracket.js";
import { parse as generatedParse, SyntaxError as PeggySyntaxError } from "./generated/parser.js";

export interface ParseResult {
  readonly program?: Program;
  readonly diagnostics: Diagnostic[];
}

export function parse(source: string, fileName: string): ParseResult {
  try {
    return { program: generatedParse(source, { fileName, grammarSource: fileName }), diagnostics: [] };
  } catch (error) {
    // The recursive-descent parser runs out of stack on absurdly deep nesting; that is the input's fault.
    if (error instanceof RangeError) return { diagnostics: [createDiagnostic("FLOW1004", fileName, { start: 0, end: 0 })] };
    // Only peggy's own syntax errors are expected here; anything else is a compiler bug for the driver's safety net.
    if (!(error instanceof PeggySyntaxError)) throw error;
    return { diagnostics: [syntaxDiagnostic(error, source, fileName)] };
  }
}

/** Parses a lone expression (used by tests and by tools that evaluate snippets). */
export function parseExpression(source: string, fileName = "<expression>"): { expr?: Expr; diagnostics: Diagnostic[] } {
  try {
    return { expr: generatedParse(source, { startRule: "Expression", fileName, grammarSource: fileName }), diagnostics: [] };
  } catch (error) {
    if (error instanceof RangeError) return { diagnostics: [createDiagnostic("FLOW1004", fileName, { start: 0, end: 0 })] };
    if (!(error instanceof PeggySyntaxError)) throw error;
    return { diagnostics: [syntaxDiagnostic(error, source, fileName)] };
  }
}

function syntaxDiagnostic(error: PeggySyntaxError, source: string, fileName: string): Diagnostic {
  const start = error.location.start.offset;
  const token = tokenAt(source, start);
  // At the end of the file the cause is usually far above: a bracket that was never closed.
  const atEnd = source.slice(start).trim() === "";
  const open = atEnd ? unclosedBracket(source) : undefined;
  const notes = open === undefined ? [] : [{ message: `this \`${open.bracket}\` is never closed`, span: open.span, file: fileName }];
  // `filter a = 1`: a comparison was meant wherever `==` could have continued the expression.
  const comparison = token === "=" && (error.expected ?? []).some((e) => e.type === "literal" && e.text === "==");
  const hint = comparison ? { hint: "did you mean `==`? `=` only names things (`let x = …`, `source s = …`); `==` compares" } : {};
  return createDiagnostic("FLOW1001", fileName, { start, end: start + token.length }, {
    expected: describeExpected(error.expected ?? [], GROUPS, ["//", "/*"]),
    found: token.length === 0 ? "end of input" : `\`${token}\``,
  }, { notes, ...hint });
}

/** The whole word, number or string start at `offset`, so the caret underlines what the user sees as one token. */
function tokenAt(source: string, offset: number): string {
  const rest = source.slice(offset);
  const word = /^(?:[A-Za-z_][A-Za-z0-9_]*|[0-9][0-9_]*(?:\.[0-9]+)?[a-z]*|==|!=|<=|>=|=>|\?\?)/.exec(rest);
  if (word !== null) return word[0];
  const char = rest.codePointAt(0);
  if (char === undefined) return "";
  // Show a newline as the end of the line rather than an invisible character.
  return char === 10 || char === 13 ? "" : String.fromCodePoint(char);
}

// Sets of alternatives that read better as one word; a group replaces its members when most of them are expected.
const GROUPS: readonly ExpectationGroup[] = [
  { name: "expression", members: ["identifier", "integer", "number", "duration", "timestamp", "`\"`", "`true`", "`false`", "`null`", "`if`", "`(`", "`{`", "`[`", "`-`", "`not`"] },
  {
    name: "pipeline operator",
    members: ["filter", "map", "extend", "flatMap", "keyBy", "window", "aggregate", "reduce", "top", "join", "left", "right", "full", "lookup", "union", "dedupe", "over", "match", "process", "predict", "train", "rebalance", "broadcast", "parallelism", "to"].map((k) => `\`${k}\``),
  },
  { name: "declaration", members: ["import", "schema", "source", "sink", "pattern", "job"].map((k) => `\`${k}\``) },
  { name: "pattern stage", members: ["begin", "next", "followedBy", "followedByAny", "notNext", "notFollowedBy"].map((k) => `\`${k}\``) },
  { name: "binary operator", members: ["`+`", "`-`", "`*`", "`/`", "`%`", "`??`", "`==`", "`!=`", "`<`", "`<=`", "`>`", "`>=`", "`in`", "`and`", "`or`"] },
];

