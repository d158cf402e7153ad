// An exactly-once in-memory sink: records become visible in `committed` only when the checkpoint
// that pre-committed them completes. The reference sink of the exactly-once tests.
import type { Sink, SinkWriterContext } from "./sink.js";
import type { TwoPhaseCommitWriter } from "./two-phase-commit.js";
import type { TransactionRequest } from "../api/job-module.js";

export interface Transaction {
  readonly id: string;
}

export interface TransactionalCollectSinkOptions {
  /**
   * Pre-commit asynchronously, durable after this many ms of wall time (as a database's PREPARE):
   * the checkpoint waits for it while records keep flowing. Undefined: synchronous.
   */
  readonly preCommitDelayMs?: number;
}

export class TransactionalCollectSink<T> implements Sink<T> {
  /** What downstream systems would see: only committed records, in commit order. */
  readonly committed: T[] = [];
  /** Records per subtask in commit order (to check per-key order). */
  readonly committedBySubtask = new Map<number, T[]>();
  /** Pre-committed transactions, durable across restarts of the job (like a database's prepared transactions). */
  private readonly prepared = new Map<string, { subtask: number; values: T[] }>();
  private readonly committedIds = new Set<string>();
  private sequence = 0;
  commits = 0;

  constructor(private readonly options: TransactionalCollectSinkOptions = {}) {}

  createWriter(context: SinkWriterContext): TwoPhaseCommitWriter<T, Transaction> {
    let buffer: T[] = [];
    return {
      write: (value) => {
        buffer.push(value);
      },
      preCommit: (checkpointId) => {
        const values = buffer;
        buffer = [];
        return this.prepare(context.subtaskIndex, context.attemptNumber, checkpointId, values);
      },
      commit: (txns) => this.commitAll(txns, false),
      // why: after a restore (maybe in another sink instance) a transaction may be committed and gone already
      recoverAndCommit: (txns) => this.commitAll(txns, true),
      close: () => {
        buffer = []; // an uncommitted open transaction is lost with the writer (aborted)
      },
    };
  }

  /** A request of a writer in a worker thread (runtime/api/job-module.ts): the store stays here, outliving workers. */
  serve(request: TransactionRequest): Transaction | Promise<Transaction> | void {
    if (request.op === "commit") return this.commitAll(request.transactions, request.recovering);
    return this.prepare(request.subtask, request.attempt, request.checkpointId, request.values as T[]);
  }

  private prepare(subtask: number, attempt: number, checkpointId: number, values: T[]): Transaction | Promise<Transaction> {
    const id = `${subtask}-${attempt}-${checkpointId}-${this.sequence++}`;
    const delay = this.options.preCommitDelayMs;
    if (delay === undefined) {
      this.prepared.set(id, { subtask, values });
      return { id };
    }
    // why: durable only once the delay passed; a crash before that loses the transaction, as a database would
    return new Promise((resolve) =>
      setTimeout(() => {
        this.prepared.set(id, { subtask, values });
        resolve({ id });
      }, delay),
    );
  }

  private commitAll(txns: readonly Transaction[], recovering: boolean): void {
    for (const { id } of txns) {
      if (this.committedIds.has(id)) continue; // idempotent: a recovery may commit again
      const txn = this.prepared.get(id);
      if (txn === undefined) {
        if (recovering) continue;
        throw new Error(`transaction ${id} was never prepared`);
      }
      this.committedIds.add(id);
      this.prepared.delete(id);
      this.committed.push(...txn.values);
      let own = this.committedBySubtask.get(txn.subtask);
      if (own === undefined) this.committedBySubtask.set(txn.subtask, (own = []));
      own.push(...txn.values);
      this.commits++;
    }
  }
}
