// What is defined of a Nexmark query's output when several source subtasks feed one key of an update stream: the
// order in which they interleave (parallelism, batch size, barrier alignment) decides the intermediate updates and
// breaks ties, so only each key's last row — or the ranking fields of it — can be compared between two runs.
import type { QueryName } from "../../bench/nexmark/queries.js";

/** The key of each update stream and the fields of its last row that every schedule agrees on (all when absent). */
export const FINAL: Partial<Record<QueryName, { readonly key: readonly string[]; readonly value?: readonly string[] }>> = {
  q4: { key: ["category"], value: ["average"] },
  q9: { key: ["id"], value: ["price", "bidDateTime"] },
  q15: { key: ["day"] },
  q16: { key: ["channel", "day"] },
  q17: { key: ["auction", "day"] },
  q18: { key: ["bidder", "auction"], value: ["dateTime"] },
  q19: { key: ["auction", "rank"], value: ["price"] },
};

/** Each key's last row (its defined fields), by key. */
export function finalRows(rows: readonly unknown[], fields: { readonly key: readonly string[]; readonly value?: readonly string[] }): Record<string, string> {
  const last: Record<string, string> = {};
  for (const r of rows as Record<string, unknown>[]) {
    last[JSON.stringify(fields.key.map((k) => r[k]))] = JSON.stringify(fields.value === undefined ? r : fields.value.map((v) => r[v]));
  }
  return last;
}
