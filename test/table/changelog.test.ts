// The changelog of a job's records: insert-only records are +I; upserts become +I for a key's first row, -U (the
// key's previous row) and +U after, nothing for an unchanged row; a retract result's records say +I or -D themselves —
// checked against sequences written out by hand.
// changes() (values in column order, with the row's key: what `eddy sql`'s views read) and rows() (fields by name:
// what TableResult gives) are two views of one changelog.
import test from "ava";
import { ChangelogBuilder, type Change } from "../../table/changelog.js";

const columns = [{ name: "k", field: "k" }, { name: "total", field: "__a0" }];

test("insert-only records are +I rows of the visible columns", (t) => {
  const b = new ChangelogBuilder({ kind: "insert-only" }, columns);
  t.deepEqual(b.rows({ k: "a", __a0: 1, hidden: 9 }), [{ kind: "+I", fields: { k: "a", total: 1 } }]);
  t.deepEqual(b.rows({ k: "a", __a0: 1 }), [{ kind: "+I", fields: { k: "a", total: 1 } }]);
});

test("upserts per key: +I, then -U of the previous row and +U; an unchanged row emits nothing", (t) => {
  const b = new ChangelogBuilder({ kind: "upsert", upsertKey: ["k"] }, columns);
  t.deepEqual(b.rows({ k: "a", __a0: 1 }), [{ kind: "+I", fields: { k: "a", total: 1 } }]);
  t.deepEqual(b.rows({ k: "b", __a0: 5 }), [{ kind: "+I", fields: { k: "b", total: 5 } }]);
  t.deepEqual(b.rows({ k: "a", __a0: 3 }), [{ kind: "-U", fields: { k: "a", total: 1 } }, { kind: "+U", fields: { k: "a", total: 3 } }]);
  t.deepEqual(b.rows({ k: "a", __a0: 3 }), []);
  t.deepEqual(b.rows({ k: "b", __a0: 6 }), [{ kind: "-U", fields: { k: "b", total: 5 } }, { kind: "+U", fields: { k: "b", total: 6 } }]);
});

test("the key may be a field that is not a visible column (a top-N's rank)", (t) => {
  const b = new ChangelogBuilder({ kind: "upsert", upsertKey: ["__rank"] }, [{ name: "id", field: "id" }]);
  t.deepEqual(b.rows({ id: 7, __rank: 1 }), [{ kind: "+I", fields: { id: 7 } }]);
  t.deepEqual(b.rows({ id: 9, __rank: 1 }), [{ kind: "-U", fields: { id: 7 } }, { kind: "+U", fields: { id: 9 } }]);
  t.deepEqual(b.rows({ id: 7, __rank: 2 }), [{ kind: "+I", fields: { id: 7 } }]);
});

test("an empty upsert key is one row (a global aggregate) replaced each time", (t) => {
  const b = new ChangelogBuilder({ kind: "upsert", upsertKey: [] }, [{ name: "n", field: "n" }]);
  t.deepEqual(b.rows({ n: 1 }), [{ kind: "+I", fields: { n: 1 } }]);
  t.deepEqual(b.rows({ n: 2 }), [{ kind: "-U", fields: { n: 1 } }, { kind: "+U", fields: { n: 2 } }]);
});

test("keys made of several fields tell apart values that would collide when joined as text", (t) => {
  const b = new ChangelogBuilder({ kind: "upsert", upsertKey: ["x", "y"] }, [{ name: "v", field: "v" }]);
  t.is(b.rows({ x: "a,b", y: "c", v: 1 })[0]!.kind, "+I");
  t.is(b.rows({ x: "a", y: "b,c", v: 2 })[0]!.kind, "+I");
});

const cols = (...names: string[]) => names.map((name) => ({ name, field: name }));
const show = (changes: readonly Change[]) => changes.map((c) => `${c.kind}${JSON.stringify(c.values)}`);

test("changes(): an insert-only result is +I with the values in SELECT order, each record a row of its own", (t) => {
  const b = new ChangelogBuilder({ kind: "insert-only" }, cols("price", "auction"));
  const first = b.changes({ auction: 1, price: 10, extra: "x" });
  const second = b.changes({ auction: 1, price: 10 });
  t.deepEqual(show([...first, ...second]), ["+I[10,1]", "+I[10,1]"], "equal records are two rows");
  t.not(first[0]!.key, second[0]!.key, "a table view keeps both");
});

test("changes(): the first record of a key is +I, a later one -U (the old values) then +U, both under the key", (t) => {
  const b = new ChangelogBuilder({ kind: "upsert", upsertKey: ["word"] }, cols("word", "n"));
  const records = [{ word: "a", n: 1 }, { word: "b", n: 1 }, { word: "a", n: 2 }, { word: "a", n: 2 }, { word: "a", n: 3 }];
  const changes = records.flatMap((r) => b.changes(r));
  // the second {a, 2} is dropped: Flink's GroupAggFunction emits nothing when a key's new aggregate equals the
  // previous one (state retention off, the default), so Flink's SQL client shows no -U/+U pair for it either
  t.deepEqual(show(changes), ['+I["a",1]', '+I["b",1]', '-U["a",1]', '+U["a",2]', '-U["a",2]', '+U["a",3]']);
  t.deepEqual(changes.map((c) => c.key), ['["a"]', '["b"]', '["a"]', '["a"]', '["a"]', '["a"]']);
});

test("changes(): a column's value is read from its record field (a SELECT's name need not be a field name)", (t) => {
  const b = new ChangelogBuilder({ kind: "insert-only" }, [{ name: "EXPR$0", field: "expr0" }]);
  t.deepEqual(b.changes({ expr0: 7 })[0]!.values, [7]);
});

test("changes(): a composite key compares all its fields; the key need not be a column", (t) => {
  const b = new ChangelogBuilder({ kind: "upsert", upsertKey: ["k1", "k2"] }, cols("n"));
  t.is(b.changes({ k1: 1, k2: "x", n: 1 })[0]!.kind, "+I");
  t.is(b.changes({ k1: 1, k2: "y", n: 1 })[0]!.kind, "+I");
  t.deepEqual(show(b.changes({ k1: 1, k2: "x", n: 5 })), ["-U[1]", "+U[5]"]);
});

test("retract records carry their kind in a field that is not a column; each copy of equal rows has its own key, a -D the last one's", (t) => {
  const b = new ChangelogBuilder({ kind: "retract", rowKindField: "__rowKind" }, columns);
  const change = (k: string, total: number, kind: string) => b.changes({ k, __a0: total, __rowKind: kind });
  const key = (k: string, total: number, copy: number) => `${JSON.stringify([k, total])}#${copy}`;
  t.deepEqual(change("a", 1, "+I"), [{ kind: "+I", values: ["a", 1], key: key("a", 1, 0) }]);
  t.deepEqual(change("a", 1, "+I"), [{ kind: "+I", values: ["a", 1], key: key("a", 1, 1) }]);
  t.deepEqual(change("a", 1, "-D"), [{ kind: "-D", values: ["a", 1], key: key("a", 1, 1) }]);
  t.deepEqual(change("a", 1, "+I"), [{ kind: "+I", values: ["a", 1], key: key("a", 1, 1) }]);
  t.deepEqual(b.rows({ k: "b", __a0: 2, __rowKind: "+I" }), [{ kind: "+I", fields: { k: "b", total: 2 } }]);
  t.deepEqual(b.rows({ k: "b", __a0: 2, __rowKind: "-D" }), [{ kind: "-D", fields: { k: "b", total: 2 } }]);
});
