// Flink's tableau, as its SQL client and TableResult.print() draw a streaming result (TableauStyle with type-inferred
// widths, max column width 30): a bordered box, the row kind in the first column, values right-aligned, `<NULL>`,
// text cut with `...`, a row count. Expected text written out by hand.
import test from "ava";
import { guessColumnWidth, measureColumnWidth, TableauPrinter, toCell } from "../../table/tableau.js";

test("widths guessed from the first row (text 30, INT 11), values right-aligned, null is <NULL>", (t) => {
  const printer = new TableauPrinter(["name", "n"]);
  const text = printer.rows([
    { kind: "+I", values: ["Alice", 1] },
    { kind: "-U", values: ["Alice", 1] },
    { kind: "+U", values: [null, 12345] },
  ]) + printer.end();
  t.is(text, [
    "+----+--------------------------------+-------------+",
    "| op |                           name |           n |",
    "+----+--------------------------------+-------------+",
    "| +I |                          Alice |           1 |",
    "| -U |                          Alice |           1 |",
    "| +U |                         <NULL> |       12345 |",
    "+----+--------------------------------+-------------+",
    "Received a total of 3 rows",
    "",
  ].join("\n"));
});

test("rows printed as they come: the header once, before the first row; no text for no rows", (t) => {
  const printer = new TableauPrinter(["n"]);
  t.is(printer.rows([]), "");
  t.is(printer.rows([{ kind: "+I", values: [1] }]), [
    "+----+-------------+",
    "| op |           n |",
    "+----+-------------+",
    "| +I |           1 |",
    "",
  ].join("\n"));
  t.is(printer.rows([{ kind: "+I", values: [2] }, { kind: "+I", values: [3] }]), "| +I |           2 |\n| +I |           3 |\n");
  t.is(printer.end(" (cancelled)"), "+----+-------------+\nReceived a total of 3 rows (cancelled)\n");
});

test("one row is 'row', no rows is Flink's Empty set", (t) => {
  const one = new TableauPrinter(["a"]);
  t.regex(one.rows([{ kind: "+I", values: [1] }]) + one.end(), /Received a total of 1 row\n$/);
  t.is(new TableauPrinter(["a"]).end(), "Empty set\n");
});

test("BIGINT-sized numbers 20, BOOLEAN 5 as TRUE/FALSE, TIMESTAMP(3) 23 in UTC; text past 30 cut with ..., a number never cut", (t) => {
  const printer = new TableauPrinter(["id", "ok", "ts", "s"]);
  const text = printer.rows([
    { kind: "+I", values: [3_000_000_000, true, new Date(Date.UTC(2015, 6, 15, 8)), "x".repeat(40)] },
    { kind: "+I", values: [-1.5e300, false, null, "short"] },
  ]);
  t.is(text.split("\n").slice(3).join("\n"), [
    "| +I |           3000000000 |  TRUE | 2015-07-15 08:00:00.000 | xxxxxxxxxxxxxxxxxxxxxxxxxxx... |",
    "| +I |            -1.5e+300 | FALSE |                  <NULL> |                          short |",
    "",
  ].join("\n"));
  t.is(text.split("\n")[0], "+----+----------------------+-------+-------------------------+--------------------------------+");
});

test("a column never narrower than its name; a measured width caps text at 30 but keeps a wide number whole", (t) => {
  t.is(guessColumnWidth("a_rather_long_column_name_here_and_more", "x"), 39);
  t.is(guessColumnWidth("flag", true), 5);
  t.is(measureColumnWidth("s", [toCell("y".repeat(50)), toCell("ab")]), 30);
  t.is(measureColumnWidth("n", [toCell(12345678901234567890123456789012345678901234567890)]), "1.2345678901234568e+49".length);
  t.is(measureColumnWidth("name", [toCell(1)]), 4);
});
