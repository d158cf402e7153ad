// The changelog of a job's records: insert-only records are +I; upserts become +I for a key's first row, -U (the
// key's previous row) and +U after, nothing for an unchanged row — checked against sequences written out by hand.
import test from "ava";
import { ChangelogBuilder } from "../../table/changelog.js";

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
