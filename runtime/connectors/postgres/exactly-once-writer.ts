// The exactly-once PostgreSQL writer: each checkpoint interval's rows go into one transaction,
// PREPARE TRANSACTION on the barrier, COMMIT PREPARED when the checkpoint completes (XA-style 2PC).
import type pg from "pg";
import { EddyError, type ErrorContext } from "../../core/errors.js";
import type { SinkWriterContext } from "../sink.js";
import type { TwoPhaseCommitWriter } from "../two-phase-commit.js";
import { connect, sqlState } from "./connection.js";
import type { PostgresSinkSpec } from "./postgres-sink.js";
import { gidLiteral, gidPrefix, insertStatement, MAX_PARAMETERS, transactionGid } from "./sql.js";
import { DataConnection } from "./data-connection.js";

/** The handle a checkpoint stores for one pre-committed transaction (plain data). */
export interface PostgresTransaction {
  /** The prepared transaction's global id; null when the interval wrote nothing. */
  readonly gid: string | null;
  readonly subtask: number;
  /** The sink's parallelism when prepared: a different one on restore means a rescale. */
  readonly parallelism: number;
  readonly checkpointId: number;
}

/** SQLSTATE 42704: "prepared transaction with identifier … does not exist". */
const UNDEFINED_OBJECT = "42704";

/**
 * Two connections per subtask: `data` (in a worker thread, see data-connection.ts) holds the open
 * transaction of the current interval, while COMMIT PREPARED for an earlier one — which PostgreSQL
 * refuses inside a transaction block — and recovery run on `control`.
 */
export class PostgresExactlyOnceWriter<T> implements TwoPhaseCommitWriter<T, PostgresTransaction> {
  private rows: (readonly unknown[])[] = [];
  /** BEGIN was sent for the current interval and no PREPARE yet. */
  private open = false;
  private restored: readonly PostgresTransaction[] = [];
  private lost: EddyError | null = null;
  private readonly rowsPerStatement: number;

  private constructor(
    private readonly spec: PostgresSinkSpec<T>,
    private readonly context: SinkWriterContext,
    private readonly errorContext: ErrorContext,
    private readonly data: DataConnection,
    private readonly control: pg.Client,
  ) {
    this.rowsPerStatement = Math.max(1, Math.min(spec.batchSize, Math.floor(MAX_PARAMETERS / spec.columns.length)));
  }

  static async create<T>(spec: PostgresSinkSpec<T>, context: SinkWriterContext): Promise<PostgresExactlyOnceWriter<T>> {
    const errorContext: ErrorContext = { job: context.jobName, operator: context.operatorName, subtask: context.subtaskIndex };
    const name = `eddy ${context.operatorName}#${context.subtaskIndex}`;
    let writer: PostgresExactlyOnceWriter<T> | undefined;
    let lost: EddyError | null = null;
    const control = await connect(spec.connection, `${name} commits`, errorContext, (e) => {
      lost ??= e;
      if (writer !== undefined) writer.lost ??= e;
    });
    let data: DataConnection;
    try {
      data = await DataConnection.open(spec.connection, name, errorContext);
    } catch (e) {
      await control.end().catch(() => {});
      throw e;
    }
    writer = new PostgresExactlyOnceWriter(spec, context, errorContext, data, control);
    writer.lost = lost;
    return writer;
  }

  write(value: T): void {
    this.check();
    const row = this.spec.toRow(value);
    if (row.length !== this.spec.columns.length) {
      throw new EddyError("user", `toRow returned ${row.length} values for the ${this.spec.columns.length} columns (${this.spec.columns.join(", ")}) of ${this.spec.table}`, { ...this.errorContext, record: value });
    }
    this.rows.push(row);
    if (this.rows.length >= this.rowsPerStatement) this.flushRows();
  }

  flush(): void {
    if (this.rows.length > 0) this.flushRows();
  }

  /**
   * Sends the interval's last rows and PREPARE TRANSACTION, and blocks until PostgreSQL has run
   * them: the engine acknowledges the checkpoint as soon as pre-commit returns, and a checkpoint
   * naming a transaction that was never prepared would lose its rows after a crash. A failed
   * insert or PREPARE throws here, so the checkpoint fails and the job restores an earlier one.
   */
  preCommit(checkpointId: number): PostgresTransaction {
    this.check();
    if (this.rows.length > 0) this.flushRows();
    const handle = { subtask: this.context.subtaskIndex, parallelism: this.context.parallelism, checkpointId };
    if (!this.open) return { gid: null, ...handle };
    const gid = transactionGid(this.context.jobName, this.context.operatorName, this.context.subtaskIndex, checkpointId, this.context.attemptNumber);
    this.open = false;
    this.data.runSync(`prepare transaction ${gid}`, { text: `PREPARE TRANSACTION ${gidLiteral(gid)}` }, this.spec.prepareTimeoutMs);
    return { gid, ...handle };
  }

  async commit(transactions: readonly PostgresTransaction[]): Promise<void> {
    this.check();
    for (const { gid, checkpointId } of transactions) if (gid !== null) await this.commitPrepared(gid, checkpointId, false);
  }

  async recoverAndCommit(transactions: readonly PostgresTransaction[]): Promise<void> {
    this.restored = transactions;
    for (const { gid, checkpointId } of transactions) if (gid !== null) await this.commitPrepared(gid, checkpointId, true);
  }

  /**
   * Rolls back what failed attempts of this subtask prepared and no restored checkpoint names.
   * After a rescale another subtask may hold a handle to this subtask's prepared transactions, so
   * nothing is rolled back then (a warning lists them).
   */
  async recoverAndAbort(keep: readonly PostgresTransaction[]): Promise<void> {
    const prefix = gidPrefix(this.context.jobName, this.context.operatorName, this.context.subtaskIndex);
    const known = new Set([...this.restored, ...keep].map((t) => t.gid));
    const { rows } = await this.control
      .query<{ gid: string }>("SELECT gid FROM pg_prepared_xacts WHERE database = current_database() AND starts_with(gid, $1) ORDER BY prepared", [prefix])
      .catch((e) => {
        throw new EddyError("external", `PostgreSQL sink could not list prepared transactions (${prefix}*): ${(e as Error).message}`, this.errorContext, { cause: e });
      });
    const leftovers = rows.map((r) => r.gid).filter((gid) => !known.has(gid));
    if (leftovers.length === 0) return;
    if (this.restored.some((t) => t.parallelism !== this.context.parallelism)) {
      process.emitWarning(
        `PostgreSQL sink '${this.context.operatorName}' subtask ${this.context.subtaskIndex}: restored after a change of parallelism, so prepared transactions ` +
          `${leftovers.join(", ")} are kept (another subtask may commit them); roll back those still listed in pg_prepared_xacts once the job runs`,
        "EddyWarning",
      );
      return;
    }
    for (const gid of leftovers) {
      try {
        await this.control.query(`ROLLBACK PREPARED ${gidLiteral(gid)}`);
      } catch (e) {
        if (sqlState(e) === UNDEFINED_OBJECT) continue; // why: gone meanwhile — the outcome we want
        throw new EddyError("external", `PostgreSQL sink could not roll back the leftover prepared transaction ${gid}: ${(e as Error).message}`, this.errorContext, { cause: e });
      }
    }
  }

  private closed: Promise<void> | null = null;

  close(): Promise<void> {
    // why: the engine may close a writer twice when a job fails for good; a second end() would never resolve
    // why: ending the session rolls back the open (never prepared) transaction; prepared ones survive
    this.closed ??= Promise.allSettled([this.data.close(), this.control.end()]).then(() => {});
    return this.closed;
  }

  /** Surfaces a failed statement or a lost connection: the job fails and restores a checkpoint. */
  private check(): void {
    const failure = this.lost ?? this.data.failure();
    if (failure !== null) throw failure;
  }

  private flushRows(): void {
    this.check();
    const batch = this.rows;
    this.rows = [];
    if (!this.open) {
      this.open = true;
      this.data.send("begin a transaction", { text: "BEGIN" });
    }
    for (let i = 0; i < batch.length; i += this.rowsPerStatement) {
      const slice = batch.slice(i, i + this.rowsPerStatement);
      const text = insertStatement(this.spec, slice.length);
      // why: full batches reuse one server-side prepared statement; the last, shorter one is planned once
      const name = slice.length === this.rowsPerStatement ? `eddy_insert_${slice.length}` : undefined;
      this.data.send(`insert ${slice.length} rows`, { ...(name === undefined ? {} : { name }), text, values: slice.flat() });
    }
  }

  private async commitPrepared(gid: string, checkpointId: number, recovering: boolean): Promise<void> {
    const context = { ...this.errorContext, checkpointId };
    try {
      await this.control.query(`COMMIT PREPARED ${gidLiteral(gid)}`);
    } catch (e) {
      if (sqlState(e) !== UNDEFINED_OBJECT) {
        throw new EddyError("external", `PostgreSQL sink could not COMMIT PREPARED ${gid}: ${(e as Error).message}`, context, { cause: e });
      }
      if (!recovering) {
        throw new EddyError(
          "external",
          `prepared transaction ${gid} vanished before COMMIT PREPARED: someone rolled it back, and its rows are lost — check for other processes using this gid prefix`,
          context,
          { cause: e, retriable: false },
        );
      }
      // why: in recovery "does not exist" means an earlier attempt committed it — unless it is prepared elsewhere
      const { rows } = await this.control.query<{ database: string }>("SELECT database FROM pg_prepared_xacts WHERE gid = $1", [gid]);
      if (rows.length > 0) {
        throw new EddyError("external", `prepared transaction ${gid} exists in database '${rows[0]!.database}', not in the sink's: connect the sink to that database`, context, {
          cause: e,
          retriable: false,
        });
      }
    }
  }
}
