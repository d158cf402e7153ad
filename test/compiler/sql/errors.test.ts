// SQL syntax errors: exact codes, spans and caret excerpts (the output a user sees), hand-checked.
import test from "ava";
import fc from "fast-check";
import { formatDiagnostics } from "../../../compiler/diagnostics/format.js";
import { messages } from "../../../compiler/diagnostics/messages.js";
import { parseSql, type ParseSqlOptions } from "../../../compiler/sql/parse-sql.js";
import { assertProperty, propertyRuns } from "../../helpers/property.js";

function report(text: string, options: ParseSqlOptions = {}): string {
  const result = parseSql(text, "q.sql", options);
  return formatDiagnostics(result.diagnostics, (file) => (file === "q.sql" ? text : undefined));
}

const block = (lines: readonly string[]): string => `${lines.join("\n")}\n`;

test("an unterminated string points at its opening quote, not at the end of the text", (t) => {
  t.is(
    report("SELECT name FROM person\nWHERE city = 'Portland;\n"),
    block([
      "error[SQL2002]: this string is never closed",
      " --> q.sql:2:14",
      "  |",
      "2 | WHERE city = 'Portland;",
      "  |              ^",
      "help: end the string with `'` (a quote inside a string is written `''`)",
      "",
      "1 error",
    ]),
  );
});

test("an unterminated quoted identifier and block comment are named as such", (t) => {
  const identifier = parseSql("SELECT `dateTime FROM bid;", "q.sql").diagnostics;
  t.deepEqual(identifier.map((d) => [d.code, d.message, d.span]), [["SQL2002", "this quoted identifier is never closed", { start: 7, end: 8 }]]);
  const comment = parseSql("SELECT a /* note FROM bid;", "q.sql").diagnostics;
  t.deepEqual(comment.map((d) => [d.code, d.message, d.span]), [["SQL2002", "this comment is never closed", { start: 9, end: 11 }]]);
});

test("a missing FROM item underlines the keyword found in its place", (t) => {
  t.is(
    report("SELECT * FROM WHERE price > 10;"),
    block([
      "error[SQL2001]: expected name, `(`, `LATERAL`, `TABLE` or `UNNEST`, found `WHERE`",
      " --> q.sql:1:15",
      "  |",
      "1 | SELECT * FROM WHERE price > 10;",
      "  |               ^^^^^",
      "",
      "1 error",
    ]),
  );
});

test("an error at the end of a statement notes the parenthesis left open (strings and comments skipped)", (t) => {
  t.is(
    report("SELECT ')' -- (\nFROM (t;"),
    block([
      "error[SQL2001]: expected identifier, `,`, `)`, `AS`, `CROSS`, `FOR`, `FULL`, `INNER`, `JOIN`, `LEFT`, `MATCH_RECOGNIZE`, `NATURAL` or `RIGHT`, found `;`",
      " --> q.sql:2:8",
      "  |",
      "2 | FROM (t;",
      "  |        ^",
      "note: this `(` is never closed",
      " --> q.sql:2:6",
      "  |",
      "2 | FROM (t;",
      "  |      ^",
      "",
      "1 error",
    ]),
  );
  // In the middle of the text there is no such note: the error is where the caret is.
  t.deepEqual(parseSql("SELECT (a FROM t; SELECT 1;", "q.sql").diagnostics.map((d) => d.notes?.length ?? 0), [0]);
});

test("a bad INTERVAL unit is reported with the closest unit, and parsing goes on", (t) => {
  const text = "SELECT auction FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(`dateTime`), INTERVAL '10' SECOUNDS));";
  t.is(
    report(text),
    block([
      "error[SQL2003]: `SECOUNDS` is not an interval unit",
      " --> q.sql:1:83",
      "  |",
      `1 | ${text}`,
      "  |                                                                                   ^^^^^^^^",
      "help: did you mean `SECOND`?",
      "",
      "1 error",
    ]),
  );
  // Not a syntax error: the tree is complete, and two bad units give two diagnostics (each reported once).
  const both = parseSql("SELECT INTERVAL '1' SECONDE, (INTERVAL '2' MINUTS) FROM t;", "q.sql");
  t.is(both.statements.length, 1);
  t.deepEqual(both.diagnostics.map((d) => [d.code, d.span, d.hint]), [
    ["SQL2003", { start: 20, end: 27 }, "did you mean `SECOND`?"],
    ["SQL2003", { start: 43, end: 49 }, "did you mean `MINUTE`?"],
  ]);
});

test("a misspelt keyword gets a did-you-mean", (t) => {
  t.is(
    report("CREATE TABEL t (a INT);"),
    block([
      "error[SQL2001]: expected `FUNCTION`, `TABLE`, `TEMPORARY` or `VIEW`, found `TABEL`",
      " --> q.sql:1:8",
      "  |",
      "1 | CREATE TABEL t (a INT);",
      "  |        ^^^^^",
      "help: did you mean `TABLE`?",
      "",
      "1 error",
    ]),
  );
  t.is(parseSql("SELEC a FROM t;", "q.sql").diagnostics[0]?.hint, "did you mean `SELECT`?");
});

test("a misspelt clause keyword read as an alias is named in the hint", (t) => {
  const diagnostics = parseSql("SELECT a FROM bid WERE price > 1;", "q.sql").diagnostics;
  t.deepEqual(diagnostics.map((d) => [d.code, d.span, d.hint]), [
    ["SQL2001", { start: 23, end: 28 }, "did you mean `WHERE`? `WERE` was read as a name (an alias)"],
  ]);
  // A real alias followed by an error gets no such hint.
  t.is(parseSql("SELECT a FROM bid Bids price > 1;", "q.sql").diagnostics[0]?.hint, undefined);
});

test("a second WATERMARK or PRIMARY KEY in one table is an error at the second", (t) => {
  const text = "CREATE TABLE t (a INT PRIMARY KEY NOT ENFORCED, ts TIMESTAMP(3), WATERMARK FOR ts AS ts, PRIMARY KEY (a) NOT ENFORCED, WATERMARK FOR ts AS ts);";
  const diagnostics = parseSql(text, "q.sql").diagnostics;
  t.deepEqual(diagnostics.map((d) => [d.code, d.message, text.slice(d.span.start, d.span.end)]), [
    ["SQL2004", "a table has at most one PRIMARY KEY", "PRIMARY KEY (a) NOT ENFORCED"],
    ["SQL2004", "a table has at most one WATERMARK", "WATERMARK FOR ts AS ts"],
  ]);
});

test("a placeholder without a value is an error at the placeholder", (t) => {
  t.is(
    report("SELECT a FROM ${T} WHERE b = '${MISSING}';", { defines: { T: "bid" } }),
    block([
      "error[SQL2005]: no value for placeholder `${MISSING}`",
      " --> q.sql:1:31",
      "  |",
      "1 | SELECT a FROM ${T} WHERE b = '${MISSING}';",
      "  |                               ^^^^^^^^^^",
      "help: pass a value for MISSING (`-D MISSING=…` on the command line, `defines` in the API), or write the value in place of the placeholder",
      "",
      "1 error",
    ]),
  );
});

test("a syntax error after a substituted placeholder is located in the text as written", (t) => {
  // `${T}` (4 characters) becomes a 20-character name: without the map the caret would be 16 columns off.
  const diagnostics = parseSql("SELECT a FROM ${T} WHERE WHERE;", "q.sql", { defines: { T: "a_much_longer_table_" } }).diagnostics;
  t.deepEqual(diagnostics.map((d) => [d.code, d.span]), [["SQL2001", { start: 25, end: 30 }]]);
  // An error inside the substituted value is reported on the whole placeholder.
  const inside = parseSql("SELECT a FROM ${T};", "q.sql", { defines: { T: "bid WHERE )" } }).diagnostics;
  t.deepEqual(inside.map((d) => [d.code, d.span]), [["SQL2001", { start: 14, end: 18 }]]);
});

test("absurdly deep nesting is a diagnostic, not a crash", (t) => {
  const deep = `SELECT ${"(".repeat(20000)}1${")".repeat(20000)};`;
  const diagnostics = parseSql(deep, "q.sql").diagnostics;
  t.deepEqual(diagnostics.map((d) => d.code), ["SQL2006"]);
});

test("bad input never throws: token soup gives located diagnostics or a tree", async (t) => {
  const token = fc.oneof(
    fc.constantFrom("SELECT", "FROM", "WHERE", "GROUP BY", "MATCH_RECOGNIZE", "PATTERN", "DEFINE", "CREATE TABLE", "WITH", "INTERVAL", "TABLE", "OVER", "AS"),
    fc.constantFrom("(", ")", "'", "`", ",", ";", "=", "*", "+", "-", "<>", ".", "--", "/*", "*/", "\n", " ", "${X}", "${Y}"),
    fc.constantFrom("a", "b", "1", "2.5", "'s'", "SECOND", "SECONDZ"),
  );
  await assertProperty(
    t,
    fc.property(fc.array(token, { maxLength: 25 }), fc.boolean(), (tokens, substitute) => {
      const text = tokens.join(" ");
      const result = parseSql(text, "soup.sql", substitute ? { defines: { X: "x)" } } : {});
      for (const d of result.diagnostics) {
        if (!(d.span.start >= 0 && d.span.start <= d.span.end && d.span.end <= text.length)) throw new Error(`span ${JSON.stringify(d.span)} outside ${JSON.stringify(text)}`);
        if (!d.code.startsWith("SQL")) throw new Error(d.code);
      }
      // A syntax error leaves no statements; without one, the tree is there.
      const syntax = result.diagnostics.some((d) => d.code === "SQL2001" || d.code === "SQL2002" || d.code === "SQL2006");
      if (syntax && result.statements.length > 0) throw new Error("statements despite a syntax error");
    }),
    { file: import.meta.url, numRuns: propertyRuns(300) },
  );
});

// One case per SQL code: the text, and the text its diagnostic's span covers.
const CASES: Readonly<Record<string, readonly [text: string, spanText: string, defines?: Record<string, string>]>> = {
  SQL2001: ["SELECT a FROM t WHERE;", ";"],
  SQL2002: ["SELECT 'open FROM t;", "'"],
  SQL2003: ["SELECT INTERVAL '1' FORTNIGHT;", "FORTNIGHT"],
  SQL2004: ["CREATE TABLE t (a INT PRIMARY KEY NOT ENFORCED, PRIMARY KEY (a) NOT ENFORCED);", "PRIMARY KEY (a) NOT ENFORCED"],
  SQL2005: ["SELECT * FROM ${T};", "${T}", {}],
  SQL2006: [`SELECT ${"(".repeat(20000)}1${")".repeat(20000)};`, ""],
};

test("every SQL syntax code (SQL2xxx) of the catalogue is reported, alone, at its span", (t) => {
  t.deepEqual(Object.keys(CASES), Object.keys(messages).filter((code) => code.startsWith("SQL2")));
  for (const [code, [text, spanText, defines]] of Object.entries(CASES)) {
    const diagnostics = parseSql(text, "q.sql", defines === undefined ? {} : { defines }).diagnostics;
    t.deepEqual(diagnostics.map((d) => [d.code, text.slice(d.span.start, d.span.end)]), [[code, spanText]], code);
  }
});
