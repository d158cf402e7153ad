// The idempotent upsert writer: records go out in batches, each reduced to the last change per key and written as one
// INSERT … ON CONFLICT DO UPDATE and one DELETE by key (each its own transaction). Delivery is at-least-once; applying a
// key's changes again in their order converges to the same table.
import type pg from "pg";
import { EddyError, type ErrorContext } from "../../core/errors.js";
import type { SinkWriterContext } from "../sink.js";
import type { TwoPhaseCommitWriter } from "../two-phase-commit.js";
import { connect, retriableSqlState, sqlState } from "./connection.js";
import { lastChangePerKey, type ReducedChanges } from "./last-change-per-key.js";
import type { PostgresSinkSpec } from "./postgres-sink.js";
import { deleteStatement, insertStatement, MAX_PARAMETERS } from "./sql.js";
import { StatementQueue } from "./statement-queue.js";

/** Changes a checkpoint holds because PostgreSQL had not confirmed them when the barrier passed. */
export interface UpsertCheckpoint {
  readonly checkpointId: number;
  /** In the order they are to be applied: rows to upsert, and rows whose key's row to delete. */
  readonly rows: readonly (readonly unknown[])[];
  /** The indexes in `rows` of the deletions (absent when there are none). */
  readonly deletes?: readonly number[];
}

interface Batch {
  readonly changes: ReducedChanges;
  confirmed: boolean;
}

/**
 * Pre-commit cannot wait for PostgreSQL (it is synchronous), so changes still in flight at the barrier
 * go into the checkpoint; recovery applies them again. Commit waits until they landed.
 */
export class PostgresUpsertWriter<T> implements TwoPhaseCommitWriter<T, UpsertCheckpoint> {
  /** Rows of records written since the last flush: `rowsPerStatement`, or one more after a deletion. */
  private rows: (readonly unknown[])[] = [];
  /** 1 where the row at the same index in `rows` deletes its key's row (reused by every batch). */
  private readonly deleting: Uint8Array;
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
    // why one row below the parameter limit: a full buffer may take one change more (see `add`)
    this.rowsPerStatement = Math.max(1, Math.min(spec.batchSize, Math.floor(MAX_PARAMETERS / spec.columns.length) - 1));
    this.keyIndexes = spec.key.map((k) => spec.columns.indexOf(k));
    this.deleting = new Uint8Array(this.rowsPerStatement + 1);
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
    this.add(row, this.spec.deletes !== null && this.spec.deletes(value));
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
    // why upserts before deletions: a batch's changes touch distinct keys, so their order within it does not matter
    const rows: (readonly unknown[])[] = [];
    const deletes: number[] = [];
    for (const { changes } of this.inFlight) {
      for (const row of changes.upserts) rows.push(row);
      for (const row of changes.deletes) deletes.push(rows.push(row) - 1);
    }
    return deletes.length === 0 ? { checkpointId, rows } : { checkpointId, rows, deletes };
  }

  async commit(checkpoints: readonly UpsertCheckpoint[]): Promise<void> {
    for (const { checkpointId } of checkpoints) {
      await this.landed.get(checkpointId);
      this.landed.delete(checkpointId);
    }
    this.queue.check();
  }

  /** Applies again what the restored checkpoints held unconfirmed (idempotent by key), in order. */
  async recoverAndCommit(checkpoints: readonly UpsertCheckpoint[]): Promise<void> {
    for (const { rows, deletes = [] } of checkpoints) {
      const deleted = new Set(deletes);
      for (let i = 0; i < rows.length; i++) this.add(rows[i]!, deleted.has(i));
    }
    if (this.rows.length > 0) this.flushRows();
    await this.queue.drain();
    this.queue.check();
  }

  private closed: Promise<void> | null = null;

  close(): Promise<void> {
    // why: the engine may close a writer twice when a job fails for good; a second end() would never resolve
    this.closed ??= this.client.end().catch(() => {});
    return this.closed;
  }

  /**
   * Buffers one change; a full buffer goes out — but one ending in a deletion takes one change more first: a running
   * aggregate's -U comes right before its +U (one input record makes both, so no barrier falls between them), and in one
   * batch the pair reduces to the +U, where split over two batches the row would be missing in between.
   */
  private add(row: readonly unknown[], deletes: boolean): void {
    const n = this.rows.length;
    this.deleting[n] = deletes ? 1 : 0;
    this.rows.push(row);
    if (n + 1 > this.rowsPerStatement || (n + 1 === this.rowsPerStatement && !deletes)) this.flushRows();
  }

  /** Sends the buffered changes as one batch: the last change of each key (see last-change-per-key.ts for why). */
  private flushRows(): void {
    const changes = lastChangePerKey(this.rows, this.deleting, this.rows.length, this.keyIndexes);
    this.rows = [];
    const batch: Batch = { changes, confirmed: false };
    while (this.inFlight.length > 0 && this.inFlight[0]!.confirmed) this.inFlight.shift();
    this.inFlight.push(batch);
    const { upserts, deletes } = changes;
    this.queue.enqueue(`write ${upserts.length} upserts and ${deletes.length} deletions`, async () => {
      if (upserts.length > 0) await this.client.query({ text: insertStatement(this.spec, upserts.length), values: upserts.flat() });
      if (deletes.length > 0) await this.client.query({ text: deleteStatement(this.spec, deletes.length), values: this.keyValues(deletes) });
      batch.confirmed = true;
    });
  }

  /** The key values of each row, row after row: the parameters of a DELETE by key. */
  private keyValues(rows: readonly (readonly unknown[])[]): unknown[] {
    const keys = this.keyIndexes;
    const values = new Array<unknown>(rows.length * keys.length);
    for (let r = 0; r < rows.length; r++) for (let j = 0; j < keys.length; j++) values[r * keys.length + j] = rows[r]![keys[j]!];
    return values;
  }
}
