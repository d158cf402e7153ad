// The idempotent upsert writer: rows go out in batches of INSERT … ON CONFLICT DO UPDATE (each its
// own transaction). Delivery is at-least-once; replaying a key's rows converges to the same table.
import type pg from "pg";
import { EddyError, type ErrorContext } from "../../core/errors.js";
import type { SinkWriterContext } from "../sink.js";
import type { TwoPhaseCommitWriter } from "../two-phase-commit.js";
import { connect, retriableSqlState, sqlState } from "./connection.js";
import type { PostgresSinkSpec } from "./postgres-sink.js";
import { insertStatement, MAX_PARAMETERS } from "./sql.js";
import { StatementQueue } from "./statement-queue.js";

/** Rows a checkpoint holds because PostgreSQL had not confirmed them when the barrier passed. */
export interface UpsertCheckpoint {
  readonly checkpointId: number;
  readonly rows: readonly (readonly unknown[])[];
}

interface Batch {
  readonly rows: readonly (readonly unknown[])[];
  confirmed: boolean;
}

/**
 * Pre-commit cannot wait for PostgreSQL (it is synchronous), so rows still in flight at the barrier
 * go into the checkpoint; recovery writes them again. Commit waits until they landed.
 */
export class PostgresUpsertWriter<T> implements TwoPhaseCommitWriter<T, UpsertCheckpoint> {
  private rows: (readonly unknown[])[] = [];
  private inFlight: Batch[] = [];
  private readonly landed = new Map<number, Promise<void>>();
  private readonly queue: StatementQueue;
  private readonly rowsPerStatement: number;
  private readonly keyIndexes: number[];

  private constructor(
    private readonly spec: PostgresSinkSpec<T> & { readonly key: readonly string[] },
    private readonly errorContext: ErrorContext,
    private readonly client: pg.Client,
  ) {
    this.queue = new StatementQueue(
      (what, e) => new EddyError("external", `PostgreSQL upsert sink could not ${what} on ${spec.table}: ${(e as Error).message}`, errorContext, { cause: e, retriable: retriableSqlState(sqlState(e)) }),
    );
    this.rowsPerStatement = Math.max(1, Math.min(spec.batchSize, Math.floor(MAX_PARAMETERS / spec.columns.length)));
    this.keyIndexes = spec.key.map((k) => spec.columns.indexOf(k));
  }

  static async create<T>(spec: PostgresSinkSpec<T> & { readonly key: readonly string[] }, context: SinkWriterContext): Promise<PostgresUpsertWriter<T>> {
    const errorContext: ErrorContext = { job: context.jobName, operator: context.operatorName, subtask: context.subtaskIndex };
    let writer: PostgresUpsertWriter<T> | undefined;
    let lost: EddyError | null = null;
    const client = await connect(spec.connection, `upsert ${context.operatorName}#${context.subtaskIndex}`, errorContext, (e) => {
      lost ??= e;
      writer?.queue.fail(e);
    });
    writer = new PostgresUpsertWriter(spec, errorContext, client);
    if (lost !== null) writer.queue.fail(lost);
    return writer;
  }

  write(value: T): void {
    this.queue.check();
    const row = this.spec.toRow(value);
    if (row.length !== this.spec.columns.length) {
      throw new EddyError("user", `toRow returned ${row.length} values for the ${this.spec.columns.length} columns (${this.spec.columns.join(", ")}) of ${this.spec.table}`, { ...this.errorContext, record: value });
    }
    this.rows.push(row);
    if (this.rows.length >= this.rowsPerStatement) this.flushRows();
  }

  flush(): void {
    this.queue.check();
    if (this.rows.length > 0) this.flushRows();
  }

  preCommit(checkpointId: number): UpsertCheckpoint {
    this.queue.check();
    if (this.rows.length > 0) this.flushRows();
    this.inFlight = this.inFlight.filter((b) => !b.confirmed);
    this.landed.set(checkpointId, this.queue.drain());
    return { checkpointId, rows: this.inFlight.flatMap((b) => b.rows) };
  }

  async commit(checkpoints: readonly UpsertCheckpoint[]): Promise<void> {
    for (const { checkpointId } of checkpoints) {
      await this.landed.get(checkpointId);
      this.landed.delete(checkpointId);
    }
    this.queue.check();
  }

  /** Writes again what the restored checkpoints held unconfirmed (idempotent by key), in order. */
  async recoverAndCommit(checkpoints: readonly UpsertCheckpoint[]): Promise<void> {
    const rows = checkpoints.flatMap((c) => c.rows);
    for (let i = 0; i < rows.length; i += this.rowsPerStatement) this.enqueueUpsert(rows.slice(i, i + this.rowsPerStatement));
    await this.queue.drain();
    this.queue.check();
  }

  private closed: Promise<void> | null = null;

  close(): Promise<void> {
    // why: the engine may close a writer twice when a job fails for good; a second end() would never resolve
    this.closed ??= this.client.end().catch(() => {});
    return this.closed;
  }

  private flushRows(): void {
    const rows = this.rows;
    this.rows = [];
    for (let i = 0; i < rows.length; i += this.rowsPerStatement) this.enqueueUpsert(rows.slice(i, i + this.rowsPerStatement));
  }

  private enqueueUpsert(rows: readonly (readonly unknown[])[]): void {
    // why: one statement may not update a row twice ("ON CONFLICT DO UPDATE command cannot affect row a second time"): the last row of a key wins
    const byKey = new Map<string, readonly unknown[]>();
    for (const row of rows) {
      const key = JSON.stringify(this.keyIndexes.map((i) => row[i]));
      byKey.delete(key);
      byKey.set(key, row);
    }
    const unique = [...byKey.values()];
    const batch: Batch = { rows, confirmed: false };
    while (this.inFlight.length > 0 && this.inFlight[0]!.confirmed) this.inFlight.shift();
    this.inFlight.push(batch);
    this.queue.enqueue(`upsert ${unique.length} rows`, async () => {
      await this.client.query({ text: insertStatement(this.spec, unique.length), values: unique.flat() });
      batch.confirmed = true;
    });
  }
}
