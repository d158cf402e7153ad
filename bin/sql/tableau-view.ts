// `tableau` mode: Flink's boxed table printed as rows arrive, with the `op` column of the row kinds (+I, -U, +U), then
// `Received a total of n rows`. Plain lines only: right for pipes and files.
import { border, guessColumnWidth, tableLine, type Cell } from "./box-table.js";
import { toCell } from "./cell.js";
import type { Change } from "./result-changes.js";
import { endNote, type Output, type QueryEnd, type ResultView } from "./result-view.js";

export class TableauView implements ResultView {
  private widths: number[] | null = null;
  private received = 0;

  constructor(private readonly columns: readonly string[], private readonly out: Output) {}

  add(changes: readonly Change[]): void {
    if (changes.length === 0) return;
    let text = "";
    // why the widths from the first row: the table is printed as rows come, so they are fixed before the rest is known
    if (this.widths === null) {
      const first = changes[0]!.row;
      this.widths = [2, ...this.columns.map((c, i) => guessColumnWidth(c, first[i]))];
      text += `${border(this.widths)}\n${tableLine([plain("op"), ...this.columns.map(plain)], this.widths)}\n${border(this.widths)}\n`;
    }
    for (const change of changes) text += `${tableLine([plain(change.kind), ...change.row.map(toCell)], this.widths)}\n`;
    this.received += changes.length;
    this.out.write(text);
  }

  end(how: QueryEnd): void {
    const note = endNote(how);
    if (this.widths === null) {
      this.out.write(`Empty set${note}\n`);
      return;
    }
    this.out.write(`${border(this.widths)}\nReceived a total of ${this.received} ${this.received === 1 ? "row" : "rows"}${note}\n`);
  }
}

function plain(text: string): Cell {
  return { text, cuttable: true };
}
