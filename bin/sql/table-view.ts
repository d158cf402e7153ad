// `table` mode: the result materialised — an upsert result keeps one row per key, an update replacing its row in
// place — shown as a live table redrawn on a terminal (ANSI cursor movement, at most every `intervalMs`) with a
// status line; off a terminal, printed once when the query ends (never any cursor movement).
import pc from "picocolors";
import type { Change } from "../../table/changelog.js";
import { border, measureColumnWidth, tableLine, textCell, toCell } from "../../table/tableau.js";
import { endNote, type Output, type QueryEnd, type ResultView } from "./result-view.js";

export interface TableViewOptions {
  /** Redraw in place (a terminal); otherwise print the table once at the end. */
  readonly live: boolean;
  readonly color?: boolean;
  /** Shortest time between two redraws. */
  readonly intervalMs?: number;
  /** Flink's `sql-client.execution.max-table-result.rows`: the oldest rows of an insert-only result go beyond it. */
  readonly maxRows?: number;
  /** Milliseconds since some origin (performance.now by default): the status line's elapsed time and rate. */
  readonly now?: () => number;
}

/** Lines of the terminal a frame leaves to the shell: the borders, the header and the status line. */
const FRAME_LINES = 5;

export class TableView implements ResultView {
  private readonly rows = new Map<string, readonly unknown[]>();
  private changes = 0;
  private drawnLines = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly began: number;
  private lastStatus: { at: number; changes: number };
  private readonly now: () => number;
  private readonly colors: ReturnType<typeof pc.createColors>;

  constructor(private readonly columns: readonly string[], private readonly out: Output, private readonly options: TableViewOptions) {
    this.now = options.now ?? (() => performance.now());
    this.began = this.now();
    this.lastStatus = { at: this.began, changes: 0 };
    this.colors = pc.createColors(options.color ?? false);
  }

  add(changes: readonly Change[]): void {
    const maxRows = this.options.maxRows ?? 1_000_000;
    for (let i = 0; i < changes.length; i++) {
      const change = changes[i]!;
      this.changes++;
      // why skip an upsert's -U: the +U that follows it has the same key and takes the row's place (Map.set keeps the
      // position); a retract result's -U names the copy of the old row, which leaves as a -D's does
      const next = changes[i + 1];
      if (change.kind === "-U" && next?.kind === "+U" && next.key === change.key) continue;
      if (change.kind === "-D" || change.kind === "-U") {
        this.rows.delete(change.key);
        continue;
      }
      this.rows.set(change.key, change.values);
      if (this.rows.size > maxRows) this.rows.delete(this.rows.keys().next().value!);
    }
    if (this.options.live && this.timer === null) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.draw(this.runningStatus());
      }, this.options.intervalMs ?? 100);
    }
  }

  end(how: QueryEnd, elapsedMs: number): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const n = this.rows.size;
    const status = `${n} ${n === 1 ? "row" : "rows"} in the result, from ${this.changes} ${this.changes === 1 ? "change" : "changes"}, in ${(elapsedMs / 1000).toFixed(2)}s${endNote(how)}`;
    if (this.options.live) this.draw(status);
    else this.out.write(`${this.frame([...this.rows.values()], Number.POSITIVE_INFINITY).join("\n")}\n${status}\n`);
  }

  /** Redraws the table over the previous frame: cursor up over it, erase to the end of the screen, write. */
  draw(status: string): void {
    const height = this.out.rows ?? 24;
    const visible = Math.max(1, height - FRAME_LINES - 1);
    const all = [...this.rows.values()];
    const shown = all.length > visible ? all.slice(all.length - visible) : all;
    const more = all.length - shown.length;
    const lines = [...this.frame(shown, this.out.columns ?? 80), this.colors.dim(more > 0 ? `${status} · the last ${shown.length} shown` : status)];
    const up = this.drawnLines > 0 ? `\x1b[${this.drawnLines}A\r` : "";
    this.out.write(`${up}\x1b[J${lines.join("\n")}\n`);
    this.drawnLines = lines.length;
  }

  /** The boxed table of `rows`, each line cut to `maxWidth` characters (a wrapped line would break the redraw). */
  private frame(rows: readonly (readonly unknown[])[], maxWidth: number): string[] {
    const cells = rows.map((row) => row.map(toCell));
    const widths = this.columns.map((c, i) => measureColumnWidth(c, cells.map((r) => r[i]!)));
    const cut = (line: string) => (line.length > maxWidth ? line.slice(0, maxWidth) : line);
    const header = tableLine(this.columns.map(textCell), widths);
    return [cut(border(widths)), this.colors.bold(cut(header)), cut(border(widths)), ...cells.map((r) => cut(tableLine(r, widths))), cut(border(widths))];
  }

  /** `12 rows · 340 changes · 1200/s · 3.1s · Ctrl-C stops the query`: the rate over the time since the last status. */
  private runningStatus(): string {
    const now = this.now();
    const rate = (this.changes - this.lastStatus.changes) / (Math.max(now - this.lastStatus.at, 1) / 1000);
    this.lastStatus = { at: now, changes: this.changes };
    const n = this.rows.size;
    return `${n} ${n === 1 ? "row" : "rows"} · ${this.changes} changes · ${Math.round(rate)}/s · ${((now - this.began) / 1000).toFixed(1)}s · Ctrl-C stops the query`;
  }
}
