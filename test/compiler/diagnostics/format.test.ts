// The caret formatter's exact output: header, location, excerpt, carets, notes, help and summary.
import test from "ava";
import { createDiagnostic } from "../../../compiler/diagnostics/diagnostic.js";
import { formatDiagnostic, formatDiagnostics, formatSummary } from "../../../compiler/diagnostics/format.js";
import { LineMap } from "../../../compiler/diagnostics/line-map.js";
import { checkText } from "../helpers/check.js";

const SOURCE = "schema Txn { id: string }\nschema Txn { id: int }\n";

test("error with a note in the same file and a hint", (t) => {
  const result = checkText(SOURCE);
  const text = formatDiagnostics(result.diagnostics, (f) => result.sources.get(f));
  t.is(text, [
    "error[FLOW2001]: `Txn` is defined more than once",
    " --> main.flow:2:8",
    "  |",
    "2 | schema Txn { id: int }",
    "  |        ^^^",
    "note: first defined here",
    " --> main.flow:1:8",
    "  |",
    "1 | schema Txn { id: string }",
    "  |        ^^^",
    "",
    "1 error",
    "",
  ].join("\n"));
});

test("help line, wide gutter, tabs kept under the caret", (t) => {
  const source = `${"\n".repeat(11)}\tsource s = file("x")\n`;
  const d = createDiagnostic("FLOW3017", "a.flow", { start: 19, end: 20 }, { name: "s" });
  t.is(formatDiagnostic(d, () => source), [
    "error[FLOW3017]: cannot infer the record type of source `s`",
    "  --> a.flow:12:9",
    "   |",
    "12 | \tsource s = file(\"x\")",
    "   | \t       ^",
    "help: annotate it: `source s: MySchema = …`",
  ].join("\n"));
});

test("an empty span at the end of input gets one caret; multi-line spans stop at the line end", (t) => {
  const source = "job j {\n  a | to b";
  const eof = createDiagnostic("FLOW1001", "x.flow", { start: source.length, end: source.length }, { expected: "`}`", found: "end of input" });
  t.true(formatDiagnostic(eof, () => source).endsWith("2 |   a | to b\n  |           ^"));
  const wide = createDiagnostic("FLOW4001", "x.flow", { start: 4, end: source.length });
  t.true(formatDiagnostic(wide, () => source).includes("1 | job j {\n  |     ^^^"));
});

test("colour only when asked", (t) => {
  const d = createDiagnostic("FLOW5007", "x.flow", { start: 0, end: 1 });
  t.false(formatDiagnostic(d, () => "x").includes("\u001b["));
  t.true(formatDiagnostic(d, () => "x", { color: true }).includes("\u001b["));
});

test("summary counts errors and warnings", (t) => {
  const e = createDiagnostic("FLOW2003", "x", { start: 0, end: 0 }, { name: "a" });
  const w = createDiagnostic("FLOW5007", "x", { start: 0, end: 0 });
  t.is(formatSummary([e, e, w]), "2 errors, 1 warning");
  t.is(formatSummary([w, w]), "2 warnings");
  t.is(formatSummary([]), "");
});

test("a file without text is printed as its name only", (t) => {
  const d = createDiagnostic("FLOW2004", "gone.flow", { start: 3, end: 5 }, { name: "x" });
  t.is(formatDiagnostic(d, () => undefined), "error[FLOW2004]: unknown sink `x`\n --> gone.flow");
});

test("line map: CRLF and lone CR end lines", (t) => {
  const map = new LineMap("a\r\nb\rc");
  t.deepEqual(map.position(3), { line: 2, column: 1 });
  t.deepEqual(map.position(5), { line: 3, column: 1 });
  t.is(map.lineText(1), "a");
});
