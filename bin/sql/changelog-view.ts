// `changelog` mode: one line per change in Flink's Row.toString form, `+I[1007, 42]`, `-U[…]`, `+U[…]`.
import type { Change } from "../../table/changelog.js";
import { formatValue } from "../../table/format-value.js";
import { endNote, type Output, type QueryEnd, type ResultView } from "./result-view.js";

export class ChangelogView implements ResultView {
  private received = 0;

  constructor(private readonly out: Output) {}

  add(changes: readonly Change[]): void {
    let text = "";
    for (const change of changes) text += `${change.kind}[${change.values.map((v) => formatValue(v, "row")).join(", ")}]\n`;
    this.received += changes.length;
    if (text !== "") this.out.write(text);
  }

  end(how: QueryEnd): void {
    const note = endNote(how);
    this.out.write(`Received a total of ${this.received} ${this.received === 1 ? "change" : "changes"}${note}\n`);
  }
}
