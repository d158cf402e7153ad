// The rows a changelog with deletions leaves: what a SQL result of a regular outer join or EXCEPT is compared by.

/**
 * Applies records that carry their kind in `__rowKind` (+I/+U adds a row, -D/-U takes back an equal one) and returns
 * the rows left, each as JSON without its kind, sorted; throws when a -D/-U finds no equal row or a record has no kind.
 */
export function netRows(records: readonly Record<string, unknown>[]): string[] {
  const rows = new Map<string, number>();
  for (const { __rowKind: kind, ...row } of records) {
    if (kind !== "+I" && kind !== "+U" && kind !== "-U" && kind !== "-D") throw new Error(`a record without its change kind: ${JSON.stringify(row)}`);
    const key = JSON.stringify(row);
    const n = rows.get(key) ?? 0;
    const adds = kind === "+I" || kind === "+U";
    if (!adds && n === 0) throw new Error(`${kind} ${key} takes back a row that is not there`);
    rows.set(key, n + (adds ? 1 : -1));
  }
  return [...rows].flatMap(([row, n]) => Array.from({ length: n }, () => row)).sort();
}
