// The text compiled for a statement: the kept statements and the statement, each where it was written, the rest
// blanked; a diagnostic's offset leads back to its input.
import test from "ava";
import { createDiagnostic } from "../../../compiler/diagnostics/diagnostic.js";
import { parseSql } from "../../../compiler/sql/index.js";
import { blankSpans, composeScript, keepOnly, type SessionInput } from "../../../bin/sql/compose-script.js";

const ddl: SessionInput = { file: "ddl.sql", text: "CREATE VIEW v AS SELECT 1 AS a FROM t;\nSELECT 2 FROM t;\nSET 'k' = 'v';" };
const typed: SessionInput = { file: "<input 1>", text: "SELECT a\nFROM v;" };

test("keepOnly blanks everything outside the kept spans, newlines kept, so lines and columns stay", (t) => {
  t.is(keepOnly("ab;\ncd;\nef;", [{ start: 4, end: 7 }]), "   \ncd;\n   ");
  t.is(blankSpans("HELP;\nSELECT 1;", [{ start: 0, end: 4 }]), "    ;\nSELECT 1;");
});

test("the kept statements of one input and a statement of another compose into a script that parses, in order", (t) => {
  const composed = composeScript([
    { input: ddl, range: { start: 0, end: 38 } }, // the view
    { input: ddl, range: { start: 56, end: 70 } }, // the SET
    { input: typed, range: { start: 0, end: typed.text.length } },
  ]);
  const parsed = parseSql(composed.text, "composed");
  t.deepEqual(parsed.diagnostics, []);
  t.deepEqual(parsed.statements.map((s) => s.kind), ["CreateView", "Set", "QueryStatement"], "the SELECT between them is left out");
  // every statement leads back to where it was written
  const back = parsed.statements.map((s) => composed.relocate(createDiagnostic("SQL2001", "composed", s.span, { text: "x" }), "composed"));
  t.deepEqual(back.map((d) => [d.file, ddl.file === d.file ? ddl.text.slice(d.span.start, d.span.end) : typed.text.slice(d.span.start, d.span.end)]), [
    ["ddl.sql", "CREATE VIEW v AS SELECT 1 AS a FROM t"],
    ["ddl.sql", "SET 'k' = 'v'"],
    ["<input 1>", "SELECT a\nFROM v"],
  ]);
});

test("a diagnostic of another file (a UDF module) is left as it is", (t) => {
  const composed = composeScript([{ input: typed, range: { start: 0, end: 15 } }]);
  const d = createDiagnostic("SQL2001", "udf.ts", { start: 3, end: 5 }, { text: "x" });
  t.deepEqual(composed.relocate(d, "<input 1>"), d);
});
