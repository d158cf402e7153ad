// Flink's boxed result table (`+----+` borders, `|` between cells, values right-aligned): the lines tableau and table
// modes draw.

/** Flink's `sql-client.display.max-column-width`: longer text is cut and ends with `...`. */
export const MAX_COLUMN_WIDTH = 30;

/** `+----+------+` for these column widths. */
export function border(widths: readonly number[]): string {
  return `+${widths.map((w) => "-".repeat(w + 2)).join("+")}+`;
}

/** `| +I |   42 |`: each cell right-aligned in its column; see fitCell for text too wide. */
export function tableLine(cells: readonly Cell[], widths: readonly number[]): string {
  return `|${cells.map((c, i) => ` ${fitCell(c, widths[i]!)} `).join("|")}|`;
}

/** A cell's text, and whether it may be cut to fit its column (numbers never are: a cut number would be a wrong one). */
export interface Cell {
  readonly text: string;
  readonly cuttable: boolean;
}

export function fitCell(cell: Cell, width: number): string {
  if (cell.text.length <= width) return cell.text.padStart(width);
  if (!cell.cuttable || width < 4) return cell.text;
  return `${cell.text.slice(0, width - 3)}...`;
}

/**
 * The width a column gets before its values are known, guessed from its first value as Flink sizes a streaming
 * column from its type: INT 11, BIGINT and other numbers 20, BOOLEAN 5, TIMESTAMP(3) 23, text and the rest the
 * maximum. Never narrower than its name.
 */
export function guessColumnWidth(name: string, firstValue: unknown): number {
  return Math.max(name.length, typeWidth(firstValue));
}

function typeWidth(value: unknown): number {
  if (typeof value === "number") return Number.isInteger(value) && Math.abs(value) < 2 ** 31 ? 11 : 20;
  if (typeof value === "bigint") return 20;
  if (typeof value === "boolean") return 5;
  if (value instanceof Date) return 23;
  return MAX_COLUMN_WIDTH;
}

/** The width of a column from the values it shows: the widest, capped at MAX_COLUMN_WIDTH unless a number is wider. */
export function measureColumnWidth(name: string, cells: Iterable<Cell>): number {
  let width = name.length;
  for (const cell of cells) width = Math.max(width, cell.cuttable ? Math.min(cell.text.length, MAX_COLUMN_WIDTH) : cell.text.length);
  return width;
}
