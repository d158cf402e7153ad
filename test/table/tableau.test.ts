// Flink's tableau format: a bordered box, the row kind in the first column, values right-aligned, a row count.
import test from "ava";
import { printTableau } from "../../table/tableau.js";

test("columns as wide as their widest value, right-aligned; null is <NULL>", (t) => {
  const text = printTableau(["name", "n"], [
    { kind: "+I", fields: { name: "Alice", n: 1 } },
    { kind: "-U", fields: { name: "Alice", n: 1 } },
    { kind: "+U", fields: { name: null, n: 12345 } },
  ]);
  t.is(text, [
    "+----+--------+-------+",
    "| op |   name |     n |",
    "+----+--------+-------+",
    "| +I |  Alice |     1 |",
    "| -U |  Alice |     1 |",
    "| +U | <NULL> | 12345 |",
    "+----+--------+-------+",
    "Received a total of 3 rows",
    "",
  ].join("\n"));
});

test("one row is 'row', no rows is Flink's Empty set", (t) => {
  t.regex(printTableau(["a"], [{ kind: "+I", fields: { a: 1 } }]), /Received a total of 1 row\n$/);
  t.is(printTableau(["a"], []), "Empty set\n");
});
