// Turns the records a query job writes into Flink's changelog rows — for TableResult (rows as named fields) and for
// `eddy sql`'s result views (values in column order, with the key a table view replaces rows by). An insert-only
// result is all +I. An upsert result (a GROUP BY without window, a top-N) carries the new row of a key each time it
// changes: the first row of a key is +I; a later one is -U (the key's previous row, remembered here) then +U. A row
// equal to the key's previous one changes nothing and is dropped, as Flink's GroupAggFunction emits nothing when the
// new aggregate equals the previous one (with state retention off, Flink's default). A retract result (a regular outer
// join, EXCEPT, an aggregate over them) says the kind of each record itself, +I/+U (a row enters) or -U/-D (an equal
// row leaves), in a field that is not a column.
import { isDeepStrictEqual } from "node:util";
import type { Row, RowKind } from "./row.js";

export type Changelog =
  | { readonly kind: "insert-only" }
  | { readonly kind: "upsert"; readonly upsertKey: readonly string[] }
  | { readonly kind: "retract"; readonly rowKindField: string };

/** A visible column of the result and the record field holding it (a SELECT's name need not be a field name). */
export interface ResultColumn {
  readonly name: string;
  readonly field: string;
}

/** One change of the result, its values in column order. */
export interface Change {
  readonly kind: RowKind;
  readonly values: readonly unknown[];
  /**
   * The row this change belongs to: the upsert key's values as JSON; a counter for an insert-only result (each record
   * its own row); for a retract result the values as JSON and which copy of equal rows (`#0`, `#1`, …) — a -D takes
   * the last copy inserted.
   */
  readonly key: string;
}

export class ChangelogBuilder {
  /** Previous values per upsert key. O(1) per record; memory grows with the distinct keys. */
  private readonly previous = new Map<string, readonly unknown[]>();
  private inserts = 0;
  /** For a retract result: how many copies of each row (its values as JSON) are in the result. */
  private readonly copies = new Map<string, number>();

  /**
   * @param changelog what the job's records are
   * @param columns the visible columns: the record field of each (a top-N's rank field is a key, not a column)
   */
  constructor(private readonly changelog: Changelog, private readonly columns: readonly ResultColumn[]) {}

  /** The changes one job record makes (none, one, or a -U/+U pair). */
  changes(record: Readonly<Record<string, unknown>>): Change[] {
    const values = this.columns.map((c) => record[c.field]);
    if (this.changelog.kind === "insert-only") return [{ kind: "+I", values, key: String(this.inserts++) }];
    if (this.changelog.kind === "retract") return [this.retraction(values, record[this.changelog.rowKindField])];
    // why JSON of the values: keys may be composite and of any type; equal values give equal text, and `"a,b","c"`
    // stays apart from `"a","b,c"`
    const key = JSON.stringify(this.changelog.upsertKey.map((k) => record[k]));
    const before = this.previous.get(key);
    this.previous.set(key, values);
    if (before === undefined) return [{ kind: "+I", values, key }];
    if (isDeepStrictEqual(before, values)) return [];
    return [{ kind: "-U", values: before, key }, { kind: "+U", values, key }];
  }

  private retraction(values: unknown[], kind: unknown): Change {
    const json = JSON.stringify(values);
    const n = this.copies.get(json) ?? 0;
    if (kind === "-D" || kind === "-U") {
      // why not an error: a deletion of a row that is not there (a bug upstream) still shows; it removes nothing
      if (n > 0) this.copies.set(json, n - 1);
      return { kind, values, key: `${json}#${Math.max(0, n - 1)}` };
    }
    this.copies.set(json, n + 1);
    return { kind: kind === "+U" ? "+U" : "+I", values, key: `${json}#${n}` };
  }

  /** The same changes as Rows: the values by column name. */
  rows(record: Readonly<Record<string, unknown>>): Row[] {
    return this.changes(record).map((change) => ({ kind: change.kind, fields: this.fieldsOf(change.values) }));
  }

  private fieldsOf(values: readonly unknown[]): Record<string, unknown> {
    const fields: Record<string, unknown> = {};
    this.columns.forEach((c, i) => (fields[c.name] = values[i]));
    return fields;
  }
}
