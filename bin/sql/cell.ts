// A result value as a table cell: its text (format-value.ts) and whether it may be cut to fit.
import type { Cell } from "./box-table.js";
import { formatValue } from "./format-value.js";

export function toCell(value: unknown): Cell {
  return { text: formatValue(value, "cell"), cuttable: typeof value !== "number" && typeof value !== "bigint" };
}
