// The upsert sink's buffer reduced to the last change of each key, as Flink's JDBC sink reduces its buffer
// (TableBufferReducedStatementExecutor) before it writes.
//
// Why this is exact: an upsert sets its key's row to the row and a deletion removes it, whatever the table held — each
// change decides the row on its own, so of a key's changes in one batch only the last one counts. It is also needed:
// one INSERT … ON CONFLICT DO UPDATE may not touch a row twice, and a running aggregate's -U/+U pair written as a
// DELETE and then an INSERT would let readers see the row vanish in between. With one change per key left, the
// batch's upserts and deletions touch distinct rows and may go out as two statements in either order.

/** What one batch leaves for PostgreSQL: at most one change per key. */
export interface ReducedChanges {
  /** Rows to insert or update by key, in the order of their keys' last changes. */
  readonly upserts: (readonly unknown[])[];
  /** Rows whose key's row is to be deleted (only their key columns are read), in the same order. */
  readonly deletes: (readonly unknown[])[];
}

/**
 * The last change of each key among the first `count` rows (`deletes[i]` is 1 when row i deletes its key's row, 0 when
 * it upserts it). O(count) time, one Map entry per distinct key.
 */
export function lastChangePerKey(rows: readonly (readonly unknown[])[], deletes: ArrayLike<number>, count: number, keyIndexes: readonly number[]): ReducedChanges {
  const last = new Map<unknown, number>();
  for (let i = 0; i < count; i++) {
    const key = keyOf(rows[i]!, keyIndexes);
    // why delete first: a Map keeps the order keys were first set in; this moves the key to its latest change
    last.delete(key);
    last.set(key, i);
  }
  const upserts: (readonly unknown[])[] = [];
  const deleted: (readonly unknown[])[] = [];
  for (const i of last.values()) (deletes[i] === 1 ? deleted : upserts).push(rows[i]!);
  return { upserts, deletes: deleted };
}

/**
 * A value equal (SameValueZero, as Map compares) for rows with equal keys: a single key column's value itself when it
 * is a primitive, else the key values as JSON text. A column's values all have its type, so a primitive and a JSON
 * text never stand for the same key.
 */
function keyOf(row: readonly unknown[], keyIndexes: readonly number[]): unknown {
  if (keyIndexes.length === 1) {
    const v = row[keyIndexes[0]!];
    if (v === null || typeof v !== "object") return v;
  }
  let text = "";
  for (let j = 0; j < keyIndexes.length; j++) text += (j === 0 ? "" : ",") + JSON.stringify(row[keyIndexes[j]!], bigintAsText);
  return text;
}

/** JSON.stringify throws on a bigint (a `bigint` column's value): it is written as its digits in a string. */
function bigintAsText(_key: string, value: unknown): unknown {
  return typeof value === "bigint" ? value.toString() : value;
}
