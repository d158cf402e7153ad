// The exactly-once JetStream writer: the records of one checkpoint interval are the transaction. Pre-commit hands
// them to the checkpoint (they are durable once it is), commit publishes them with ids fixed at pre-commit, and a
// commit repeated after a crash publishes the same ids again, which the stream's duplicate window drops.
import { randomBytes } from "node:crypto";
import type { NatsConnection } from "@nats-io/transport-node";
import { jetstream, type JetStreamClient, type PubAck } from "@nats-io/jetstream";
import { EddyError, type ErrorContext } from "../../core/errors.js";
import type { SinkWriterContext } from "../sink.js";
import type { TwoPhaseCommitWriter } from "../two-phase-commit.js";
import { closeQuietly, openStream } from "./connection.js";
import type { JetStreamSinkSpec } from "./jetstream-sink.js";

/** The handle a checkpoint keeps for one pre-committed interval: the messages themselves, as plain data. */
export interface JetStreamTransaction {
  /** Message i is published with the id `${idPrefix}:${i}`. */
  readonly idPrefix: string;
  readonly checkpointId: number;
  /** The subject of every message, or null when `subjects` names each one's. */
  readonly subject: string | null;
  readonly subjects: readonly string[] | null;
  /** The payloads back to back; payload i ends at ends[i]. */
  readonly data: Uint8Array;
  readonly ends: Uint32Array;
}

/** What a commit found: messages the stream stored, and those it dropped as already published. */
export interface CommitCount {
  readonly published: number;
  readonly duplicates: number;
}

const NANOS_PER_MS = 1_000_000;

export class JetStreamExactlyOnceWriter<T> implements TwoPhaseCommitWriter<T, JetStreamTransaction> {
  private data = new Uint8Array(64 * 1024);
  private size = 0;
  private ends: number[] = [];
  private subjects: string[] = [];
  private readonly encoder = new TextEncoder();
  private readonly js: JetStreamClient;
  /** Totals over this writer's commits (tests and logs read them). */
  published = 0;
  duplicates = 0;

  private constructor(
    private readonly spec: JetStreamSinkSpec<T>,
    private readonly context: SinkWriterContext,
    private readonly errorContext: ErrorContext,
    private readonly nats: NatsConnection,
    /**
     * Part of every id: restored from a path in a new process a job numbers its checkpoints from 1 again, so
     * (job, operator, subtask, checkpoint) alone would repeat the ids of an earlier run's different messages.
     */
    private readonly epoch: string,
  ) {
    this.js = jetstream(nats, { timeout: spec.ackTimeoutMs });
  }

  /** Connects and checks the stream's duplicate window against the configured minimum. */
  static async create<T>(spec: JetStreamSinkSpec<T>, context: SinkWriterContext): Promise<JetStreamExactlyOnceWriter<T>> {
    const errorContext: ErrorContext = { job: context.jobName, operator: context.operatorName, subtask: context.subtaskIndex };
    const { nats, stream } = await openStream(spec.servers, spec.stream, `eddy ${context.operatorName}#${context.subtaskIndex}`, errorContext);
    const windowMs = stream.config.duplicate_window / NANOS_PER_MS;
    if (windowMs < spec.minDuplicateWindowMs) {
      await closeQuietly(nats);
      throw new EddyError(
        "user",
        `JetStream stream '${spec.stream}' drops repeated message ids only within ${windowMs} ms, shorter than the sink's minDuplicateWindowMs ${spec.minDuplicateWindowMs} ms: ` +
          `a commit repeated after a recovery that comes later would publish duplicates — raise the window (nats stream edit ${spec.stream} --dupe-window 10m) or lower minDuplicateWindowMs`,
        errorContext,
        { retriable: false },
      );
    }
    return new JetStreamExactlyOnceWriter(spec, context, errorContext, nats, randomBytes(6).toString("base64url"));
  }

  write(value: T): void {
    const payload = this.spec.serialize(value);
    if (typeof payload === "string") {
      this.reserve(payload.length * 3); // why: the most UTF-8 bytes a UTF-16 string can take
      this.size += this.encoder.encodeInto(payload, this.data.subarray(this.size)).written;
    } else {
      this.reserve(payload.length);
      this.data.set(payload, this.size);
      this.size += payload.length;
    }
    this.ends.push(this.size);
    const subject = this.spec.subject;
    if (typeof subject !== "string") this.subjects.push(subject(value));
  }

  /** The interval's messages become the checkpoint's; the next records start the next interval at once. */
  preCommit(checkpointId: number): JetStreamTransaction | null {
    if (this.ends.length === 0) return null;
    const { subject } = this.spec;
    const { jobName, operatorName, subtaskIndex } = this.context;
    const transaction: JetStreamTransaction = {
      idPrefix: `eddy:${jobName}:${operatorName}:${subtaskIndex}:${this.epoch}:${checkpointId}`,
      checkpointId,
      subject: typeof subject === "string" ? subject : null,
      subjects: typeof subject === "string" ? null : this.subjects,
      data: this.data.slice(0, this.size),
      ends: Uint32Array.from(this.ends),
    };
    this.size = 0;
    this.ends = [];
    this.subjects = [];
    return transaction;
  }

  async commit(transactions: readonly JetStreamTransaction[]): Promise<void> {
    for (const t of transactions) await this.publish(t);
  }

  /** The same as commit: what an earlier attempt published already comes back from the stream as a duplicate. */
  async recoverAndCommit(transactions: readonly JetStreamTransaction[]): Promise<void> {
    for (const t of transactions) await this.publish(t);
  }

  private closing: Promise<void> | null = null;

  close(): Promise<void> {
    // why: what was not pre-committed is dropped with the writer (an aborted transaction); nothing waits on the server
    this.closing ??= closeQuietly(this.nats);
    return this.closing;
  }

  /**
   * Publishes a transaction's messages in order with at most maxInFlight PubAcks outstanding — the flow control:
   * the stream acknowledges each message once stored, and the window keeps a slow stream from piling up requests.
   */
  private async publish(t: JetStreamTransaction): Promise<CommitCount> {
    const n = t.ends.length;
    const window = this.spec.maxInFlight;
    const inFlight: Promise<PubAck | Error>[] = new Array(Math.min(window, n));
    let published = 0;
    let duplicates = 0;
    const settle = async (i: number): Promise<void> => {
      const ack = await inFlight[i % window]!;
      if (ack instanceof Error) {
        throw new EddyError("external", `JetStreamSink could not publish message ${t.idPrefix}:${i} to stream '${this.spec.stream}': ${ack.message}`, { ...this.errorContext, checkpointId: t.checkpointId }, { cause: ack });
      }
      if (ack.stream !== this.spec.stream) {
        throw new EddyError(
          "user",
          `JetStreamSink published ${t.idPrefix}:${i} on subject ${this.subjectOf(t, i)}, which stream '${ack.stream}' stores, not '${this.spec.stream}': give the sink a subject of its stream`,
          this.errorContext,
          { retriable: false },
        );
      }
      if (ack.duplicate) duplicates++;
      else published++;
    };
    for (let i = 0; i < n; i++) {
      if (i >= window) await settle(i - window);
      const payload = t.data.subarray(i === 0 ? 0 : t.ends[i - 1]!, t.ends[i]!);
      inFlight[i % window] = this.js.publish(this.subjectOf(t, i), payload, { msgID: `${t.idPrefix}:${i}` }).catch(asError);
    }
    for (let i = Math.max(0, n - window); i < n; i++) await settle(i);
    this.published += published;
    this.duplicates += duplicates;
    return { published, duplicates };
  }

  private subjectOf(t: JetStreamTransaction, i: number): string {
    return t.subject ?? t.subjects![i]!;
  }

  private reserve(bytes: number): void {
    if (this.size + bytes <= this.data.length) return;
    const grown = new Uint8Array(Math.max(this.data.length * 2, this.size + bytes));
    grown.set(this.data.subarray(0, this.size));
    this.data = grown;
  }
}

function asError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}
