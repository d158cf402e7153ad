// The PostgreSQL scan source's reader: a background loop reads this subtask's splits through a cursor, a fetch at a
// time, into a buffer of at most two fetches; pollNext hands the rows out without ever waiting. Its position is the
// first split it has not finished and the rows of that split it emitted.
import type pg from "pg";
import { EddyError, type ErrorContext } from "../../core/errors.js";
import type { InputStatus, ReaderOutput, SourceReader } from "../source.js";
import { connect, describeConnection, retriableSqlState, sqlState } from "./connection.js";
import type { PostgresSourceSpec } from "./postgres-source.js";
import { primaryKeyQuery, scanQuery, type ScanShape } from "./scan-query.js";
import type { ScanSplit } from "./scan-splits.js";

/** What a checkpoint keeps of the reader: plain numbers. */
export interface PostgresScanPosition {
  /** The index of the first of this reader's splits it has not finished (every one before it is done); the source's split count when all are. */
  readonly split: number;
  /** Rows of that split emitted (dead letters included): a restore skips them. */
  readonly rows: number;
  /** The source's split count, to refuse a position of a differently partitioned source. */
  readonly splits: number;
}

/** Rows of one fetch, in their split's order. */
interface Fetched {
  readonly split: ScanSplit;
  readonly rows: (string | undefined)[];
  /** The next row to emit. */
  next: number;
  /** The split has no rows after these. */
  readonly last: boolean;
}

const CURSOR = "eddy_scan";

export class PostgresScanReader<T> implements SourceReader<T> {
  private split: number;
  private rows = 0;
  private readonly buffer: Fetched[] = [];
  /** Rows fetched and not yet emitted. */
  private buffered = 0;
  private fetchedAll = false;
  private failure: Error | null = null;
  private started = false;
  private closed = false;
  private client: pg.Client | null = null;
  private wakeReader: (() => void) | null = null;
  private wakeFetcher: (() => void) | null = null;

  constructor(
    private readonly spec: PostgresSourceSpec<T>,
    /** This subtask's splits, in index order. */
    private readonly mine: readonly ScanSplit[],
    private readonly context: ErrorContext,
  ) {
    this.split = mine[0]?.index ?? spec.splits.length;
  }

  pollNext(output: ReaderOutput<T>, max: number): InputStatus {
    if (this.failure !== null) throw this.failure;
    if (!this.started) {
      // why: started on the first poll, after restoreState, so the first cursor skips the restored rows
      this.started = true;
      if (this.split >= this.spec.splits.length) return "END_OF_INPUT";
      void this.fetchLoop().then(
        () => this.release(),
        (e: unknown) => {
          this.fail(e);
          void this.release();
        },
      );
      return "NOTHING_AVAILABLE";
    }
    let emitted = 0;
    while (emitted < max && this.buffer.length > 0) {
      const fetched = this.buffer[0]!;
      while (emitted < max && fetched.next < fetched.rows.length) {
        const text = fetched.rows[fetched.next]!;
        fetched.rows[fetched.next++] = undefined; // why: let the row's text go once emitted
        this.rows++;
        this.buffered--;
        const record = this.decode(fetched.split, text);
        if (record !== MALFORMED) output.collect(record);
        emitted++;
      }
      if (fetched.next < fetched.rows.length) break;
      this.buffer.shift();
      if (fetched.last) {
        this.split = this.nextSplitAfter(fetched.split.index);
        this.rows = 0;
      }
    }
    // why: fetch the next rows while one fetch is still buffered, so the job does not wait for a round trip
    if (this.wakeFetcher !== null && this.buffered < this.spec.fetchSize) this.wakeFetcher();
    if (this.buffer.length > 0) return "MORE_AVAILABLE";
    return this.split >= this.spec.splits.length ? "END_OF_INPUT" : "NOTHING_AVAILABLE";
  }

  isAvailable(): Promise<void> {
    if (!this.started || this.failure !== null || this.closed || this.buffer.length > 0 || this.fetchedAll) return Promise.resolve();
    return new Promise((resolve) => (this.wakeReader = resolve));
  }

  snapshotState(): PostgresScanPosition {
    return { split: this.split, rows: this.rows, splits: this.spec.splits.length };
  }

  restoreState(state: unknown): void {
    const s = state as PostgresScanPosition;
    if (s.splits !== this.spec.splits.length) {
      throw new EddyError(
        "user",
        `PostgresSource on table '${this.spec.table}' was checkpointed reading ${s.splits} split(s) and now has ${this.spec.splits.length}: restore it with the partition settings it ran with, or start the job without the checkpoint`,
        this.context,
        { retriable: false },
      );
    }
    this.split = s.split;
    this.rows = s.rows;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wakeFetcher?.();
    this.wakeReader?.();
    await this.release();
  }

  /**
   * Ends the connection: when every split was fetched (the rows still buffered need none), when reading failed (a
   * failed subtask may never be closed), or on close. end() alone rolls back an open transaction, cursor included.
   */
  private async release(): Promise<void> {
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => {});
  }

  private nextSplitAfter(index: number): number {
    return this.mine.find((s) => s.index > index)?.index ?? this.spec.splits.length;
  }

  /** Turns deserialize's failure into a dead letter or a job failure, outside the poll loop. */
  private decode(split: ScanSplit, text: string): T | typeof MALFORMED {
    try {
      return this.spec.deserialize(JSON.parse(text) as Record<string, unknown>);
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      if (this.spec.onDeadLetter === undefined) {
        throw new EddyError(
          "user",
          `PostgresSource could not read row ${this.rows} of table '${this.spec.table}'${describeRange(this.spec, split)}: ${reason} — fix the row or the schema, or pass onDeadLetter to skip malformed rows`,
          this.context,
          { cause: e, retriable: false },
        );
      }
      this.spec.onDeadLetter({ table: this.spec.table, range: split.range, row: this.rows, reason, data: text });
      return MALFORMED;
    }
  }

  /**
   * Reads the splits from the position on: (1) connect and find the primary key (the rows' order), then per split
   * (2) a REPEATABLE READ transaction and a cursor over the split's rows, moved past the rows emitted before a restore,
   * (3) fetches of `fetchSize` rows while the buffer holds less than one, until a short fetch ends the split.
   */
  private async fetchLoop(): Promise<void> {
    const { spec } = this;
    this.client = await connect(spec.connection, `source ${spec.table}`, this.context, (e) => this.fail(e));
    if (this.closed) return;
    const key = await this.run("read the table's primary key", primaryKeyQuery(spec.table));
    const shape: ScanShape = { table: spec.table, columns: spec.columns, key: key.rows.map((r) => String(r[0])), partitionColumn: spec.partition?.column ?? null };
    const start = { split: this.split, rows: this.rows };
    for (const split of this.mine) {
      if (split.index < start.split) continue;
      await this.run("begin a read-only transaction", { text: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" });
      const query = scanQuery(shape, split);
      await this.run("open a cursor over the table", { text: `DECLARE ${CURSOR} NO SCROLL CURSOR FOR ${query.text}`, values: query.values });
      if (split.index === start.split && start.rows > 0) await this.run("skip the rows read before the restore", { text: `MOVE FORWARD ${start.rows} IN ${CURSOR}` });
      for (;;) {
        while (!this.closed && this.buffered >= spec.fetchSize) {
          await new Promise<void>((resolve) => (this.wakeFetcher = resolve));
          this.wakeFetcher = null;
        }
        if (this.closed) return;
        const result = await this.run("fetch rows", { text: `FETCH FORWARD ${spec.fetchSize} FROM ${CURSOR}` });
        const rows = result.rows.map((r) => r[0] as string);
        const last = rows.length < spec.fetchSize;
        this.buffer.push({ split, rows, next: 0, last });
        this.buffered += rows.length;
        this.wakeReader?.();
        this.wakeReader = null;
        if (last) break;
      }
      await this.run("end the read-only transaction", { text: "COMMIT" });
    }
    this.fetchedAll = true;
    this.wakeReader?.();
    this.wakeReader = null;
  }

  /** One statement (rows as arrays); a failure says what the reader was doing and whether a restart can help. */
  private async run(what: string, query: { text: string; values?: unknown[] }): Promise<pg.QueryResult<unknown[]>> {
    const client = this.client;
    if (client === null) throw new EddyError("external", `PostgresSource on table '${this.spec.table}' was closed`, this.context);
    try {
      return await client.query<unknown[]>({ ...query, rowMode: "array" });
    } catch (e) {
      throw this.queryError(what, e);
    }
  }

  private queryError(what: string, e: unknown): EddyError {
    const { table, connection } = this.spec;
    const code = sqlState(e);
    const where = describeConnection(connection);
    const message = (e as Error).message;
    // why these two apart: the usual configuration mistakes, each with its fix
    if (code === "42P01") return new EddyError("user", `PostgresSource: table '${table}' does not exist at ${where} (${message}) — create it or fix \`table\``, this.context, { cause: e, retriable: false });
    if (code === "42703") return new EddyError("user", `PostgresSource: ${message} in table '${table}' at ${where} — the source's fields (${this.spec.columns.join(", ")}) must be columns of the table: fix the schema or the table`, this.context, { cause: e, retriable: false });
    return new EddyError("external", `PostgresSource on table '${table}' at ${where} failed to ${what}: ${message}${code === undefined ? "" : ` (SQLSTATE ${code})`}`, this.context, { cause: e, retriable: retriableSqlState(code) });
  }

  private fail(e: unknown): void {
    if (this.closed) return;
    this.failure ??= e instanceof EddyError ? e : new EddyError("external", `PostgresSource on table '${this.spec.table}' failed: ${(e as Error).message}`, this.context, { cause: e });
    this.wakeReader?.();
    this.wakeReader = null;
  }
}

function describeRange(spec: PostgresSourceSpec<unknown>, split: ScanSplit): string {
  return split.range === null ? "" : ` (${spec.partition!.column} in [${split.range.lower}, ${split.range.upper}])`;
}

const MALFORMED: unique symbol = Symbol("malformed");
