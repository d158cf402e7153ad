// Two-phase-commit sinks (Flink's TwoPhaseCommitSinkFunction): records go into a transaction that
// is pre-committed on the checkpoint barrier and committed only when the checkpoint completes, so
// the sink's output is exactly what the restored job will not produce again.
import type { Sink, SinkWriteContext, SinkWriter, SinkWriterContext } from "./sink.js";

/** A writer whose effects become visible only through commit; its transactions are plain data. */
export interface TwoPhaseCommitWriter<T, TXN> extends SinkWriter<T> {
  /**
   * On the barrier: make the current transaction durable but invisible; start the next one at
   * once (records written after this call belong to it). May finish asynchronously: the
   * checkpoint is acknowledged when the promise resolves (the transaction must be durable then),
   * and records keep flowing meanwhile; a rejection fails the job, which restores a checkpoint.
   */
  preCommit(checkpointId: number): TXN | null | Promise<TXN | null>;
  /** The checkpoint holding these transactions completed. Must be idempotent: after a crash it may run again. */
  commit(transactions: readonly TXN[]): void | Promise<void>;
  /** On restore: transactions of the restored checkpoint, possibly not committed before the crash. */
  recoverAndCommit(transactions: readonly TXN[]): void | Promise<void>;
  /** On restore: throw away anything a failed attempt left uncommitted (other than those above). */
  recoverAndAbort?(keep: readonly TXN[]): void | Promise<void>;
}

export function isTwoPhaseCommitWriter(w: SinkWriter<unknown>): w is TwoPhaseCommitWriter<unknown, unknown> {
  const x = w as Partial<TwoPhaseCommitWriter<unknown, unknown>>;
  return typeof x.preCommit === "function" && typeof x.commit === "function" && typeof x.recoverAndCommit === "function";
}

/**
 * Base class in Flink's shape: implement beginTransaction / invoke / preCommit / commit / abort;
 * the engine calls them at the right moments.
 */
export abstract class TwoPhaseCommitSink<T, TXN> implements Sink<T> {
  protected abstract beginTransaction(context: SinkWriterContext): TXN | Promise<TXN>;
  protected abstract invoke(transaction: TXN, value: T, context: SinkWriteContext): void;
  /** Flush and make durable; after this the transaction must survive a crash. */
  protected abstract preCommitTransaction(transaction: TXN): void;
  protected abstract commitTransaction(transaction: TXN): void | Promise<void>;
  protected abstract abortTransaction(transaction: TXN): void | Promise<void>;
  /** The transaction to store in the checkpoint (plain data); by default the transaction itself. */
  protected handleOf(transaction: TXN): unknown {
    return transaction;
  }
  protected abstract fromHandle(handle: unknown, context: SinkWriterContext): TXN;

  async createWriter(context: SinkWriterContext): Promise<TwoPhaseCommitWriter<T, unknown>> {
    let current: TXN = (await this.beginTransaction(context)) as TXN;
    return {
      write: (value, ctx) => this.invoke(current, value, ctx),
      preCommit: () => {
        this.preCommitTransaction(current);
        const handle = this.handleOf(current);
        // why: beginTransaction may be async (a database); the next one is opened synchronously when possible
        const begun = this.beginTransaction(context);
        if (begun instanceof Promise) throw new Error("beginTransaction must be synchronous for pre-commit; open connections in createWriter");
        current = begun;
        return handle;
      },
      commit: async (handles) => {
        for (const h of handles) await this.commitTransaction(this.fromHandle(h, context));
      },
      recoverAndCommit: async (handles) => {
        for (const h of handles) await this.commitTransaction(this.fromHandle(h, context));
      },
      close: async () => {
        await this.abortTransaction(current);
      },
    };
  }
}
