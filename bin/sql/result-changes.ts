// Turns the records a query's `collect()` sink receives into Flink's row kinds: an insert-only result is all `+I`; in
// an upsert result a record whose key was seen before replaces that row, shown as `-U` (the old row) then `+U`.

/**
 * What compileSql says of a SELECT (its SqlQueryInfo): the columns in SELECT order with the record field holding each,
 * and how its records relate to each other.
 */
export interface ResultShape {
  readonly columns: readonly { readonly name: string; readonly field: string }[];
  readonly changelog: { readonly kind: "insert-only" } | { readonly kind: "upsert"; readonly upsertKey: readonly string[] };
}

/** Flink's RowKind short strings; Eddy's results have no deletions yet (no `-D`). */
export type RowKind = "+I" | "-U" | "+U";

export interface Change {
  readonly kind: RowKind;
  /** The values of the columns, in the shape's order. */
  readonly row: readonly unknown[];
  /** The upsert key as text (records of an insert-only result each have their own). */
  readonly key: string;
}

export class ResultChanges {
  private readonly latest = new Map<string, readonly unknown[]>();
  private inserts = 0;

  constructor(private readonly shape: ResultShape) {}

  /** The changes one record makes. */
  apply(record: Readonly<Record<string, unknown>>): Change[] {
    const row = this.shape.columns.map((c) => record[c.field]);
    const changelog = this.shape.changelog;
    if (changelog.kind === "insert-only") return [{ kind: "+I", row, key: String(this.inserts++) }];
    // why JSON of the values: keys may be composite and of any type; equal values give equal text
    const key = JSON.stringify(changelog.upsertKey.map((k) => record[k] ?? null));
    const previous = this.latest.get(key);
    this.latest.set(key, row);
    if (previous === undefined) return [{ kind: "+I", row, key }];
    return [{ kind: "-U", row: previous, key }, { kind: "+U", row, key }];
  }
}
