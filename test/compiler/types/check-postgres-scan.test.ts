// The `postgres(…)` source's settings the checker rejects, each at the argument at fault (FLOW3060, FLOW2005): the
// four partition settings go together, range an int or float field between bounds in order; fetchSize is positive;
// the fields are of types a column converts to. One case shows the whole message a user sees, caret and all.
import test from "ava";
import { formatDiagnostics } from "../../../compiler/diagnostics/format.js";
import { checksClean, checkText, reports } from "../helpers/check.js";

const URL = `"postgres://127.0.0.1:5432/test"`;
const program = (args: string, fields = "id: int, name: string?, score: float, ts: timestamp") =>
  `source customers: { ${fields} } = postgres(${URL}, "shop.customers"${args})\nsink out = collect()\njob j { customers | to out }\n`;

test("a postgres source reads a table whole, or in ranges of an int or float column, with a fetch size", (t) => {
  checksClean(t, program(""));
  checksClean(t, program(", partitionColumn: \"id\", partitions: 4, lowerBound: -100, upperBound: 999, fetchSize: 50"));
  checksClean(t, program(", partitionColumn: \"score\", partitions: 2, lowerBound: 0, upperBound: 1"));
  checksClean(t, program("", "id: int, tags: [string?]?, doc: { k: string, n: int? }?"));
});

test("FLOW3060: a partition setting without the others, at the first one given", (t) => {
  reports(t, program(`, partitionColumn: ⟦"id"⟧`), "FLOW3060");
  reports(t, program(`, partitions: ⟦4⟧, lowerBound: 0, upperBound: 10`), "FLOW3060");
  reports(t, program(`, lowerBound: ⟦0⟧`), "FLOW3060");
});

test("FLOW3060: bounds out of order, no partitions, a fetch size of 0", (t) => {
  reports(t, program(`, partitionColumn: "id", partitions: 2, lowerBound: 10, upperBound: ⟦9⟧`), "FLOW3060");
  reports(t, program(`, partitionColumn: "id", partitions: ⟦0⟧, lowerBound: 0, upperBound: 9`), "FLOW3060");
  reports(t, program(`, fetchSize: ⟦0⟧`), "FLOW3060");
});

test("the partition column is a numeric field of the records: FLOW3060 for another type, FLOW2005 for no such field", (t) => {
  reports(t, program(`, partitionColumn: ⟦"name"⟧, partitions: 2, lowerBound: 0, upperBound: 9`), "FLOW3060");
  reports(t, program(`, partitionColumn: ⟦"ts"⟧, partitions: 2, lowerBound: 0, upperBound: 9`), "FLOW3060");
  reports(t, program(`, partitionColumn: ⟦"nope"⟧, partitions: 2, lowerBound: 0, upperBound: 9`), "FLOW2005");
});

test("non-numeric bounds are type mismatches (FLOW3001) at the bound", (t) => {
  reports(t, program(`, partitionColumn: "id", partitions: 2, lowerBound: ⟦"a"⟧, upperBound: 9`), "FLOW3001");
  reports(t, program(`, partitionColumn: "id", partitions: 2, lowerBound: 0, upperBound: ⟦1.5⟧`), "FLOW3001");
});

test("FLOW3060: a field no column converts to (a duration), at the connector", (t) => {
  reports(t, program("", "id: int, ttl: duration").replace("postgres(", "⟦postgres⟧("), "FLOW3060");
});

test("the message a user sees: the argument underlined, what is missing, and how to write it", (t) => {
  const source = program(`, partitionColumn: "id"`);
  const column = source.indexOf('"id")'); // the argument's value, 0-based
  const result = checkText(source);
  t.is(
    formatDiagnostics(result.diagnostics.filter((d) => d.code === "FLOW3060"), (f) => result.sources.get(f)),
    [
      "error[FLOW3060]: a partitioned scan needs `partitions`, `lowerBound`, `upperBound` too: `partitionColumn`, `partitions`, `lowerBound` and `upperBound` go together (Flink's scan.partition.*)",
      ` --> main.flow:1:${column + 1}`,
      "  |",
      `1 | ${source.split("\n")[0]}`,
      `  | ${" ".repeat(column)}^^^^`,
      "help: `postgres(url, table, partitionColumn: \"id\", partitions: 4, lowerBound: 0, upperBound: 999, fetchSize: 1000)` reads `id` in 4 ranges of [0, 999]; see the postgres source in docs/language.md",
      "",
      "1 error",
      "",
    ].join("\n"),
  );
});
