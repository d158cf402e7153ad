// An exactly-once in-memory sink: records become visible in `committed` only when the checkpoint
// that pre-committed them completes. The reference sink of the exactly-once tests.
import type { Sink, SinkWriterContext } from "./sink.js";
import type { TwoPhaseCommitWriter } from "./two-phase-commit.js";

interface Transaction {
  readonly id: string;
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

  createWriter(context: SinkWriterContext): TwoPhaseCommitWriter<T, Transaction> {
    let buffer: T[] = [];
    const attempt = context.attemptNumber;
    return {
      write: (value) => {
        buffer.push(value);
      },
      preCommit: (checkpointId) => {
        const id = `${context.subtaskIndex}-${attempt}-${checkpointId}-${this.sequence++}`;
        this.prepared.set(id, { subtask: context.subtaskIndex, values: buffer });
        buffer = [];
        return { id };
      },
      commit: (txns) => this.commitAll(txns, false),
      // why: after a restore (maybe in another sink instance) a transaction may be committed and gone already
      recoverAndCommit: (txns) => this.commitAll(txns, true),
      close: () => {
        buffer = []; // an uncommitted open transaction is lost with the writer (aborted)
      },
    };
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
