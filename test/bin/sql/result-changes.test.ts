// Records of a query's sink as Flink's row kinds: insert-only results are +I; upserts replace the row of their key.
import test from "ava";
import { ResultChanges } from "../../../bin/sql/result-changes.js";

const cols = (...names: string[]) => names.map((name) => ({ name, field: name }));

test("an insert-only result: every record is +I with the columns in SELECT order", (t) => {
  const changes = new ResultChanges({ columns: cols("price", "auction"), changelog: { kind: "insert-only" } });
  t.deepEqual(changes.apply({ auction: 1, price: 10, extra: "x" }).map((c) => [c.kind, c.row]), [["+I", [10, 1]]]);
  t.deepEqual(changes.apply({ auction: 1, price: 10 }).map((c) => [c.kind, c.row]), [["+I", [10, 1]]], "equal records are two rows");
});

test("an upsert result: the first record of a key is +I, a later one -U (the old row) then +U (the new)", (t) => {
  const changes = new ResultChanges({ columns: cols("word", "n"), changelog: { kind: "upsert", upsertKey: ["word"] } });
  const seen = [{ word: "a", n: 1 }, { word: "b", n: 1 }, { word: "a", n: 2 }, { word: "a", n: 3 }].flatMap((r) => changes.apply(r).map((c) => `${c.kind}${JSON.stringify(c.row)}`));
  t.deepEqual(seen, ['+I["a",1]', '+I["b",1]', '-U["a",1]', '+U["a",2]', '-U["a",2]', '+U["a",3]']);
});

test("a column's value is read from its record field (a SELECT's name need not be a field name)", (t) => {
  const changes = new ResultChanges({ columns: [{ name: "EXPR$0", field: "expr0" }], changelog: { kind: "insert-only" } });
  t.deepEqual(changes.apply({ expr0: 7 })[0]!.row, [7]);
});

test("a composite key compares all its fields; the key need not be a column", (t) => {
  const changes = new ResultChanges({ columns: cols("n"), changelog: { kind: "upsert", upsertKey: ["k1", "k2"] } });
  t.is(changes.apply({ k1: 1, k2: "x", n: 1 })[0]!.kind, "+I");
  t.is(changes.apply({ k1: 1, k2: "y", n: 1 })[0]!.kind, "+I");
  t.deepEqual(changes.apply({ k1: 1, k2: "x", n: 5 }).map((c) => c.kind), ["-U", "+U"]);
});
