// The upsert sink's batch reduction: of each key's changes in a batch only the last is written, deletions included,
// and keys compare by value (one column or several, numbers, strings, bigints, dates).
import test from "ava";
import { lastChangePerKey } from "../../../../runtime/connectors/postgres/last-change-per-key.js";

/** Rows [key, value] and whether each deletes (D) or upserts (U), as one batch. */
function batch(changes: readonly (readonly [kind: "U" | "D", key: unknown, value: string])[]) {
  return { rows: changes.map(([, k, v]) => [k, v] as const), deletes: Uint8Array.from(changes, ([kind]) => (kind === "D" ? 1 : 0)) };
}

test("an empty batch writes nothing", (t) => {
  t.deepEqual(lastChangePerKey([], new Uint8Array(0), 0, [0]), { upserts: [], deletes: [] });
});

test("one change per key goes out as it is", (t) => {
  const { rows, deletes } = batch([["U", 1, "a"], ["D", 2, "b"]]);
  t.deepEqual(lastChangePerKey(rows, deletes, 2, [0]), { upserts: [[1, "a"]], deletes: [[2, "b"]] });
});

test("the last change of a key wins, whether an upsert or a deletion", (t) => {
  const { rows, deletes } = batch([
    ["U", 1, "a"], ["D", 1, "a"], // inserted, then deleted: the row goes
    ["D", 2, "x"], ["U", 2, "y"], // a padded row replaced by its joined row (-D, +I): only the new row
    ["U", 3, "p"], ["U", 3, "q"], ["U", 3, "r"], // updated twice: the latest value
    ["D", 4, "old"], ["U", 4, "new"], ["D", 4, "new"], // -U, +U, then the group's last row gone: deleted
  ]);
  t.deepEqual(lastChangePerKey(rows, deletes, rows.length, [0]), { upserts: [[2, "y"], [3, "r"]], deletes: [[1, "a"], [4, "new"]] });
});

test("keys come out in the order of their last changes", (t) => {
  const { rows, deletes } = batch([["U", "b", "1"], ["U", "a", "2"], ["U", "b", "3"], ["D", "c", "4"], ["U", "a", "5"]]);
  t.deepEqual(lastChangePerKey(rows, deletes, rows.length, [0]), { upserts: [["b", "3"], ["a", "5"]], deletes: [["c", "4"]] });
});

test("only the first `count` rows are the batch (the buffer of flags is reused)", (t) => {
  const { rows, deletes } = batch([["U", 1, "a"], ["D", 1, "a"]]);
  t.deepEqual(lastChangePerKey(rows, deletes, 1, [0]), { upserts: [[1, "a"]], deletes: [] });
});

test("a key of several columns compares all of them, and none leaks into another (no separator ambiguity)", (t) => {
  const rows = [["a", "b,c", 1], ["a,b", "c", 2], ["a", "b,c", 3], ["a\",\"b", "c", 4]];
  const reduced = lastChangePerKey(rows, new Uint8Array(4), 4, [0, 1]);
  t.deepEqual(reduced.upserts, [["a,b", "c", 2], ["a", "b,c", 3], ["a\",\"b", "c", 4]]);
});

test("key values compare by value: bigints, dates and a key column that is not the first", (t) => {
  const rows = [[10n, new Date(1000), "x"], [10n, new Date(1000), "y"], [11n, new Date(1000), "z"]];
  t.deepEqual(lastChangePerKey(rows, Uint8Array.of(0, 1, 0), 3, [0]).deletes, [[10n, new Date(1000), "y"]]);
  t.deepEqual(lastChangePerKey(rows, Uint8Array.of(0, 0, 0), 3, [1]).upserts, [[11n, new Date(1000), "z"]]);
  t.deepEqual(lastChangePerKey(rows, Uint8Array.of(0, 0, 0), 3, [1, 0]).upserts, [[10n, new Date(1000), "y"], [11n, new Date(1000), "z"]]);
});
