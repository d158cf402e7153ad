// `tableau` mode: Flink's boxed table printed as rows arrive (table/tableau.ts, as TableResult.print() prints it),
// with the `op` column of the row kinds (+I, -U, +U), then `Received a total of n rows` and why the query ended.
// Plain lines only: right for pipes and files.
import type { Change } from "../../table/changelog.js";
import { TableauPrinter } from "../../table/tableau.js";
import { endNote, type Output, type QueryEnd, type ResultView } from "./result-view.js";

export class TableauView implements ResultView {
  private readonly printer: TableauPrinter;

  constructor(columns: readonly string[], private readonly out: Output) {
    this.printer = new TableauPrinter(columns);
  }

  add(changes: readonly Change[]): void {
    const text = this.printer.rows(changes);
    if (text !== "") this.out.write(text);
  }

  end(how: QueryEnd): void {
    this.out.write(this.printer.end(endNote(how)));
  }
}
