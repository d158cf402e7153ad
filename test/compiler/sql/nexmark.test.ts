// Every Nexmark SQL file (Flink's own, as written) parses without diagnostics, and prints back to the same tree.
import test from "ava";
import { parseSql } from "../../../compiler/sql/parse-sql.js";
import { printSql } from "../../../compiler/sql/print-sql.js";
import { formatDiagnostics } from "../../../compiler/diagnostics/format.js";
import { stripSpans } from "../helpers/strip-spans.js";
import { NEXMARK_DEFINES, nexmarkFiles } from "./nexmark-helpers.js";

const FILES = nexmarkFiles();

// Statement kinds per file, counted by hand from the files.
const EXPECTED_KINDS: Readonly<Record<string, string>> = {
  "ddl_gen.sql": "CreateTable",
  "ddl_kafka.sql": "CreateTable",
  "ddl_views.sql": "CreateView CreateView CreateView",
  "q12.sql": "CreateTable CreateView Insert",
  "q13.sql": "CreateTable CreateTable Insert",
  "q14.sql": "CreateFunction CreateTable Insert",
};

test("the fixtures are the 26 Flink files: ddl_gen, ddl_kafka, ddl_views, q0 … q22", (t) => {
  const expected = ["ddl_gen.sql", "ddl_kafka.sql", "ddl_views.sql", ...Array.from({ length: 23 }, (_, i) => `q${i}.sql`)].sort();
  t.deepEqual(FILES.map((f) => f.name), expected);
});

for (const file of FILES) {
  test(`${file.name} parses without diagnostics`, (t) => {
    const result = parseSql(file.text, file.name, { defines: NEXMARK_DEFINES });
    t.deepEqual(result.diagnostics, [], formatDiagnostics(result.diagnostics, () => file.text));
    const kinds = result.statements.map((s) => s.kind).join(" ");
    t.is(kinds, EXPECTED_KINDS[file.name] ?? "CreateTable Insert");
  });

  test(`${file.name} prints back to the same tree`, (t) => {
    const first = parseSql(file.text, file.name, { defines: NEXMARK_DEFINES });
    const printed = printSql(first.statements);
    const second = parseSql(printed, `${file.name} (printed)`);
    t.deepEqual(second.diagnostics, [], `${formatDiagnostics(second.diagnostics, () => printed)}\n${printed}`);
    t.deepEqual(stripSpans(second.statements), stripSpans(first.statements));
  });
}

test("spans point into the text as written, placeholders included", (t) => {
  const file = FILES.find((f) => f.name === "ddl_views.sql")!;
  const result = parseSql(file.text, file.name, { defines: NEXMARK_DEFINES });
  const view = result.statements[0]!;
  if (view.kind !== "CreateView" || view.query.body.kind !== "Select" || view.query.body.from?.kind !== "TableName") return t.fail("unexpected shape");
  const from = view.query.body.from;
  // The table `datagen` was substituted for `${NEXMARK_TABLE}`: its span covers the placeholder.
  t.is(from.name[0]!.name, "datagen");
  t.is(file.text.slice(from.span.start, from.span.end), "${NEXMARK_TABLE}");
  // A node after the placeholder is shifted back by the length difference.
  const where = view.query.body.where!;
  t.is(file.text.slice(where.span.start, where.span.end), "event_type = 0");
  t.is(file.text.slice(view.span.start, view.span.end).split("\n")[0], "CREATE VIEW person AS");
});
