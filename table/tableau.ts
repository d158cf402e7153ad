// Flink's tableau format for TableResult.print(): a box of columns, the row kind first, every value right-aligned,
// then "Received a total of n rows". Widths fit the values (Flink's streaming print uses fixed widths per type).
import type { Row } from "./row.js";

export function printTableau(columns: readonly string[], rows: readonly Row[]): string {
  const header = ["op", ...columns];
  const cells = rows.map((r) => [r.kind, ...columns.map((c) => formatValue(r.fields[c]))]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((row) => row[i]!.length)));
  const border = `+${widths.map((w) => "-".repeat(w + 2)).join("+")}+`;
  const line = (values: readonly string[]) => `|${values.map((v, i) => ` ${v.padStart(widths[i]!)} `).join("|")}|`;
  const total = `Received a total of ${rows.length} row${rows.length === 1 ? "" : "s"}`;
  if (rows.length === 0) return "Empty set\n";
  return [border, line(header), border, ...cells.map(line), border, total].join("\n") + "\n";
}

function formatValue(value: unknown): string {
  if (value === null || value === undefined) return "<NULL>";
  if (typeof value === "string") return value;
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}
