// Flink's tableau: the boxed result table (`+----+` borders, `|` between cells, values right-aligned, NULL as
// `<NULL>`, text longer than 30 characters cut with `...`) that TableResult.print() and `eddy sql`'s tableau and table
// modes draw. TableauPrinter prints a streaming result as Flink does (TableauStyle with type-inferred widths): the
// header with the first row, each row as it comes, then the row count.
import type { Change } from "./changelog.js";
import { formatValue } from "./format-value.js";

/** Flink's `sql-client.display.max-column-width` / `table.display.max-column-width`: longer text is cut and ends with `...`. */
export const MAX_COLUMN_WIDTH = 30;

/** A cell's text, and whether it may be cut to fit its column (numbers never are: a cut number would be a wrong one). */
export interface Cell {
  readonly text: string;
  readonly cuttable: boolean;
}

/** A result value as a table cell. */
export function toCell(value: unknown): Cell {
  return { text: formatValue(value, "cell"), cuttable: typeof value !== "number" && typeof value !== "bigint" };
}

/** A header or row-kind cell. */
export function textCell(text: string): Cell {
  return { text, cuttable: true };
}

/** `+----+------+` for these column widths. */
export function border(widths: readonly number[]): string {
  return `+${widths.map((w) => "-".repeat(w + 2)).join("+")}+`;
}

/** `| +I |   42 |`: each cell right-aligned in its column; see fitCell for text too wide. */
export function tableLine(cells: readonly Cell[], widths: readonly number[]): string {
  return `|${cells.map((c, i) => ` ${fitCell(c, widths[i]!)} `).join("|")}|`;
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

/** Flink's streaming tableau, text by text as the rows come: the `op` column of row kinds, then the columns. */
export class TableauPrinter {
  private widths: number[] | null = null;
  private received = 0;

  constructor(private readonly columns: readonly string[]) {}

  /** The lines of these rows, each ending in a newline, the header before the first row; "" for no rows. */
  rows(rows: readonly Pick<Change, "kind" | "values">[]): string {
    if (rows.length === 0) return "";
    let text = "";
    // why the widths from the first row: the table is printed as rows come, so they are fixed before the rest is known
    if (this.widths === null) {
      const first = rows[0]!.values;
      this.widths = [2, ...this.columns.map((c, i) => guessColumnWidth(c, first[i]))];
      text += `${border(this.widths)}\n${tableLine([textCell("op"), ...this.columns.map(textCell)], this.widths)}\n${border(this.widths)}\n`;
    }
    for (const row of rows) text += `${tableLine([textCell(row.kind), ...row.values.map(toCell)], this.widths)}\n`;
    this.received += rows.length;
    return text;
  }

  /** The text after the last row: the bottom border and `Received a total of n rows`, or Flink's `Empty set`; `note` follows either. */
  end(note = ""): string {
    if (this.widths === null) return `Empty set${note}\n`;
    return `${border(this.widths)}\nReceived a total of ${this.received} ${this.received === 1 ? "row" : "rows"}${note}\n`;
  }
}
