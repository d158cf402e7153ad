// A result value as text: in a table cell as Flink's SQL client prints it (NULL as `<NULL>`, TRUE/FALSE), and in a
// changelog line as Flink's Row.toString (`null`, `true`).

export type ValueStyle = "cell" | "row";

export function formatValue(value: unknown, style: ValueStyle): string {
  if (value === null || value === undefined) return style === "cell" ? "<NULL>" : "null";
  if (typeof value === "boolean") return style === "cell" ? (value ? "TRUE" : "FALSE") : String(value);
  // why no control characters in a cell: a newline would break the table's lines, an ESC the live table's redraw
  if (typeof value === "string") return style === "cell" ? value.replace(/[\x00-\x1f\x7f]/g, " ") : value;
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  if (value instanceof Date) return formatTimestamp(value);
  if (Array.isArray(value)) return `[${value.map((v) => formatValue(v, "row")).join(", ")}]`;
  // why JSON: a ROW value is a plain object; its field names say more than Flink's positional `(a, b)`
  return JSON.stringify(value) ?? String(value);
}

/** `2015-07-15 08:00:00.000`: Flink's TIMESTAMP(3) text, in UTC (the time zone the records carry). */
function formatTimestamp(date: Date): string {
  if (Number.isNaN(date.getTime())) return "Invalid Date";
  return date.toISOString().replace("T", " ").replace("Z", "");
}
