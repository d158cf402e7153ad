// Flink's TableResult: what executeSql and Table.execute return. A query's result runs its job when collected and
// streams the job's rows as they are written (Flink's collect() iterator); print() writes them in tableau format.
import { AsyncQueue } from "./async-queue.js";
import type { Row } from "./row.js";
import { TableauPrinter } from "./tableau.js";

/** SUCCESS: a statement without rows (DDL); SUCCESS_WITH_CONTENT: rows to collect (a query, an INSERT's count). */
export type ResultKind = "SUCCESS" | "SUCCESS_WITH_CONTENT";

export class ResolvedSchema {
  constructor(private readonly columns: readonly string[]) {}

  getColumnNames(): string[] {
    return [...this.columns];
  }

  getColumnCount(): number {
    return this.columns.length;
  }
}

/** Produces the result's rows by calling `push` for each, resolving when there are no more (or soon after `signal`). */
export type RowProducer = (push: (row: Row) => void, signal: AbortSignal) => Promise<void>;

export class TableResult {
  /** The run collect() started: it settles when the job ends. */
  private running: Promise<void> | null = null;

  constructor(private readonly resultKind: ResultKind, private readonly columns: readonly string[], private readonly produce: RowProducer) {}

  /** Flink's `OK` result of a DDL statement: one column `result`, one row `OK`. */
  static ok(): TableResult {
    return new TableResult("SUCCESS", ["result"], async (push) => push({ kind: "+I", fields: { result: "OK" } }));
  }

  getResultKind(): ResultKind {
    return this.resultKind;
  }

  getResolvedSchema(): ResolvedSchema {
    return new ResolvedSchema(this.columns);
  }

  /**
   * The rows, as the job writes them (the job starts now). Leaving the iteration early (`break`) cancels the job, as
   * closing Flink's collect iterator does. A result is collected once: a second call throws — run the Table again
   * with `execute()` for a second pass.
   */
  collect(): AsyncIterableIterator<Row> {
    if (this.running !== null) throw new Error("TableResult.collect(): this result was collected already; call execute() again for a new run");
    const cancel = new AbortController();
    const queue = new AsyncQueue<Row>(() => cancel.abort());
    this.running = this.produce((row) => queue.push(row), cancel.signal);
    this.running.then(() => queue.end(), (error: unknown) => queue.fail(error));
    return queue;
  }

  /**
   * Writes the rows in Flink's tableau format as they come (to stdout unless `write` is given), as Flink's print() of
   * a streaming result does: column widths from the first row, then `Received a total of n rows`.
   */
  async print(write: (text: string) => void = (text) => void process.stdout.write(text)): Promise<void> {
    const printer = new TableauPrinter(this.columns);
    for await (const row of this.collect()) write(printer.rows([{ kind: row.kind, values: this.columns.map((c) => row.fields[c]) }]));
    write(printer.end());
  }

  /** Waits until the result's job ended (also a cancelled one); a failed job throws. Uncollected rows are dropped. */
  async await(): Promise<void> {
    if (this.running === null) {
      for await (const _ of this.collect()) {
        // drained: the job runs while its rows are read
      }
      return;
    }
    await this.running;
  }
}
