// Turns the records a query job writes into Flink's changelog rows. An insert-only result is all +I. An upsert result
// (a GROUP BY without window, a top-N) carries the new row of a key each time it changes: the first row of a key is
// +I; a later one is -U (the key's previous row, remembered here) then +U. A row equal to the key's previous one
// changes nothing and is dropped, as Flink's GroupAggFunction drops an unchanged result.
import { isDeepStrictEqual } from "node:util";
import type { Row } from "./row.js";

export type Changelog = { readonly kind: "insert-only" } | { readonly kind: "upsert"; readonly upsertKey: readonly string[] };

export class ChangelogBuilder {
  /** Previous row per upsert key (the key's values as JSON). O(1) per record; memory grows with the distinct keys. */
  private readonly previous = new Map<string, Readonly<Record<string, unknown>>>();

  /**
   * @param changelog what the job's records are
   * @param columns the visible columns: the record field of each (a top-N's rank field is a key, not a column)
   */
  constructor(private readonly changelog: Changelog, private readonly columns: readonly { readonly name: string; readonly field: string }[]) {}

  /** The changelog rows one job record makes (none, one, or a -U/+U pair). */
  rows(record: Readonly<Record<string, unknown>>): Row[] {
    const fields: Record<string, unknown> = {};
    for (const c of this.columns) fields[c.name] = record[c.field];
    if (this.changelog.kind === "insert-only") return [{ kind: "+I", fields }];
    const key = JSON.stringify(this.changelog.upsertKey.map((k) => record[k]));
    const before = this.previous.get(key);
    this.previous.set(key, fields);
    if (before === undefined) return [{ kind: "+I", fields }];
    if (isDeepStrictEqual(before, fields)) return [];
    return [{ kind: "-U", fields: before }, { kind: "+U", fields }];
  }
}
