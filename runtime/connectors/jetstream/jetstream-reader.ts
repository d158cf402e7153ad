// The JetStream source's reader: an ordered consumer fetches messages in the background into a bounded buffer, and
// pollNext hands them out without ever waiting. Its position is the next stream sequence to emit.
import type { NatsConnection } from "@nats-io/transport-node";
import { DeliverPolicy, jetstream, type ConsumerMessages, type JsMsg } from "@nats-io/jetstream";
import { EddyError, type ErrorContext } from "../../core/errors.js";
import type { InputStatus, ReaderOutput, SourceReader } from "../source.js";
import { closeQuietly, openStream } from "./connection.js";
import type { JetStreamSourceSpec } from "./jetstream-source.js";

/** What a checkpoint keeps of the reader: plain numbers. */
export interface JetStreamPosition {
  /** The stream sequence of the next message to emit. */
  readonly next: number;
  /** BOUNDED: the last sequence to read (the stream's last when the job first started); null when unbounded. */
  readonly end: number | null;
}

/** How long one pull request waits for messages on a quiet stream, ms: bounds how late close() is noticed. */
const FETCH_EXPIRES_MS = 1000;

export class JetStreamReader<T> implements SourceReader<T> {
  private next: number;
  /** Unknown (undefined) until the stream was read at start; null when unbounded. */
  private end: number | null | undefined;
  /** Fetched and not yet emitted, oldest first from `head`. */
  private buffer: JsMsg[] = [];
  private head = 0;
  /** Nothing more will be fetched (bounded: the end was reached). */
  private fetchedAll = false;
  private failure: Error | null = null;
  private started = false;
  private closed = false;
  private nats: NatsConnection | null = null;
  private messages: ConsumerMessages | null = null;
  private wakeReader: (() => void) | null = null;
  private wakeFetcher: (() => void) | null = null;
  private wakeScheduled = false;
  private readonly context: ErrorContext;

  constructor(private readonly spec: JetStreamSourceSpec<T>) {
    this.next = spec.startSequence;
    this.end = spec.boundedness === "BOUNDED" ? undefined : null;
    this.context = { operator: `JetStreamSource(${spec.stream})` };
  }

  pollNext(output: ReaderOutput<T>, max: number): InputStatus {
    if (this.failure !== null) throw this.failure;
    if (!this.started) {
      // why: started on the first poll, after restoreState, so the consumer begins at the restored position
      this.started = true;
      void this.fetchLoop().catch((e: unknown) => this.fail(e));
      return "NOTHING_AVAILABLE";
    }
    const buffer = this.buffer;
    const end = this.end ?? Number.POSITIVE_INFINITY;
    let emitted = 0;
    while (emitted < max && this.head < buffer.length) {
      const m = buffer[this.head]!;
      if (m.seq > end) break;
      buffer[this.head++] = undefined as unknown as JsMsg; // why: let the payload go once emitted
      this.next = m.seq + 1;
      const timestamp = Math.floor(m.info.timestampNanos / 1_000_000);
      const record = this.decode(m, timestamp);
      if (record !== MALFORMED) output.collect(record, timestamp);
      emitted++;
    }
    if (this.head === buffer.length) {
      this.buffer = [];
      this.head = 0;
    }
    // why: refill while half the buffer is still there, so the job does not wait for a round trip
    if (this.wakeFetcher !== null && this.buffer.length - this.head < this.spec.prefetch / 2) this.wakeFetcher();
    if (this.head < this.buffer.length && this.buffer[this.head]!.seq <= end) return "MORE_AVAILABLE";
    if (this.end !== null && this.end !== undefined && (this.next > this.end || this.fetchedAll)) return "END_OF_INPUT";
    return "NOTHING_AVAILABLE";
  }

  isAvailable(): Promise<void> {
    if (!this.started || this.failure !== null || this.closed || this.head < this.buffer.length || this.fetchedAll) return Promise.resolve();
    return new Promise((resolve) => (this.wakeReader = resolve));
  }

  snapshotState(): JetStreamPosition {
    // why: a checkpoint before the first poll (end still unknown) keeps "unknown": the restore reads the stream again
    return { next: this.next, end: this.end === undefined ? null : this.end };
  }

  restoreState(state: unknown): void {
    const s = state as JetStreamPosition;
    this.next = s.next;
    if (this.spec.boundedness === "BOUNDED" && s.end !== null) this.end = s.end;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wakeFetcher?.();
    this.wakeReader?.();
    this.messages?.stop();
    await closeQuietly(this.nats);
  }

  /** Turns deserialize's failure into a dead letter or a job failure, outside the poll loop. */
  private decode(m: JsMsg, timestamp: number): T | typeof MALFORMED {
    try {
      return this.spec.deserialize(m.data, { subject: m.subject, sequence: m.seq, timestamp });
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      if (this.spec.onDeadLetter === undefined) {
        throw new EddyError(
          "user",
          `JetStreamSource could not deserialize message ${m.seq} of stream '${this.spec.stream}' (subject ${m.subject}): ${reason} — fix deserialize, or pass onDeadLetter to skip malformed messages`,
          this.context,
          { cause: e, retriable: false },
        );
      }
      this.spec.onDeadLetter({ stream: this.spec.stream, subject: m.subject, sequence: m.seq, reason, data: m.data });
      return MALFORMED;
    }
  }

  /**
   * Fetches from the position on while the buffer has room: (1) connect and read the stream (bounded: its last
   * sequence is the end), (2) an ordered consumer from `next` — ephemeral, so nothing is left on the server, and
   * recreated by the client after a gap or a reconnect, (3) pull batches of at most the free room until closed or
   * the end is fetched.
   */
  private async fetchLoop(): Promise<void> {
    const { spec } = this;
    const connection = await openStream(spec.servers, spec.stream, `eddy source ${spec.stream}`, this.context);
    this.nats = connection.nats;
    if (this.closed) return closeQuietly(this.nats);
    void this.nats.closed().then((e) => {
      if (!this.closed) this.fail(new EddyError("external", `the NATS connection of JetStreamSource '${spec.stream}' closed${e ? `: ${e.message}` : ""}`, this.context, { cause: e }));
    });
    if (this.end === undefined) this.end = connection.stream.state.last_seq;
    const end = this.end;
    if (end !== null && this.next > end) return this.fetchedEverything();
    const consumer = await jetstream(this.nats).consumers.get(spec.stream, {
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: this.next,
      ...(spec.subject === undefined ? {} : { filter_subjects: spec.subject }),
    });
    // why: a bounded read whose filter matches nothing from here on would otherwise wait for a message that never comes
    if (end !== null && (await consumer.info()).num_pending === 0) return this.fetchedEverything();
    while (!this.closed) {
      const room = spec.prefetch - (this.buffer.length - this.head);
      if (room < spec.prefetch / 2) {
        await new Promise<void>((resolve) => (this.wakeFetcher = resolve));
        this.wakeFetcher = null;
        continue;
      }
      this.messages = await consumer.fetch({ max_messages: room, expires: FETCH_EXPIRES_MS });
      for await (const m of this.messages) {
        this.buffer.push(m);
        this.signalReader();
        // why: past the end, or nothing matching left — later messages have sequences past the end
        if (end !== null && (m.seq >= end || m.info.pending === 0)) {
          // why: stop(), not close(): close() waits for this very iteration to end
          this.messages.stop();
          return this.fetchedEverything();
        }
      }
    }
  }

  /**
   * Wakes a waiting reader after the messages that arrived together are all in the buffer (setImmediate runs after
   * the iterator's microtasks), so one poll takes them all rather than one poll per message.
   */
  private signalReader(): void {
    if (this.wakeReader === null || this.wakeScheduled) return;
    this.wakeScheduled = true;
    setImmediate(() => {
      this.wakeScheduled = false;
      const wake = this.wakeReader;
      this.wakeReader = null;
      wake?.();
    });
  }

  private fetchedEverything(): void {
    this.fetchedAll = true;
    this.wakeReader?.();
    this.wakeReader = null;
  }

  private fail(e: unknown): void {
    if (this.closed) return;
    this.failure ??= e instanceof EddyError ? e : new EddyError("external", `JetStreamSource '${this.spec.stream}' failed: ${(e as Error).message}`, this.context, { cause: e });
    this.wakeReader?.();
    this.wakeReader = null;
  }
}

const MALFORMED: unique symbol = Symbol("malformed");
