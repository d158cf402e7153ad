// A row of a Table's result with Flink's RowKind: +I insert, -U the row an update replaces, +U its replacement,
// -D a deletion. Eddy's update streams emit upserts (the new row per key, docs/language.md); -D comes from the results
// of regular outer joins and EXCEPT, which retract rows.
export type RowKind = "+I" | "-U" | "+U" | "-D";

export interface Row {
  readonly kind: RowKind;
  /** The columns by name, in the Table's column order (timestamps as milliseconds since the epoch). */
  readonly fields: Readonly<Record<string, unknown>>;
}
