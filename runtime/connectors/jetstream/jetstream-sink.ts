// An exactly-once sink into a NATS JetStream stream: a checkpoint interval's messages are the transaction, kept in the
// checkpoint and published when it completes, each with a Nats-Msg-Id that a repeated commit repeats, so JetStream's
// duplicate window drops what an earlier attempt already published.
import { EddyError } from "../../core/errors.js";
import type { Sink, SinkWriterContext } from "../sink.js";
import type { NatsServers } from "./connection.js";
import { JetStreamExactlyOnceWriter } from "./exactly-once-writer.js";

export interface JetStreamSinkOptions<T> {
  readonly servers: NatsServers;
  /** The stream the subjects belong to; the writer checks its duplicate window when it opens. */
  readonly stream: string;
  /** The subject of every message, or a function of the record (each must belong to `stream`). */
  readonly subject: string | ((record: T) => string);
  /** A record's payload. */
  readonly serialize: (record: T) => Uint8Array | string;
  /**
   * The shortest duplicate window of the stream the writer accepts, ms (default 120000, JetStream's default window).
   * A commit repeated after recovery is dropped only inside the window, so it must exceed the time from a
   * checkpoint's completion to the recovery that commits it again.
   */
  readonly minDuplicateWindowMs?: number;
  /** Publishes awaiting their PubAck at once during a commit (default 256): the flow-control window. */
  readonly maxInFlight?: number;
  /** How long one PubAck may take, ms (default 10000). */
  readonly ackTimeoutMs?: number;
}

/** @internal the validated options a writer works with. */
export interface JetStreamSinkSpec<T> extends JetStreamSinkOptions<T> {
  readonly minDuplicateWindowMs: number;
  readonly maxInFlight: number;
  readonly ackTimeoutMs: number;
}

export class JetStreamSink<T> implements Sink<T> {
  private readonly spec: JetStreamSinkSpec<T>;

  constructor(options: JetStreamSinkOptions<T>) {
    this.spec = validate(options);
  }

  createWriter(context: SinkWriterContext): Promise<JetStreamExactlyOnceWriter<T>> {
    return JetStreamExactlyOnceWriter.create(this.spec, context);
  }
}

function validate<T>(o: JetStreamSinkOptions<T>): JetStreamSinkSpec<T> {
  const bad = (message: string) => new EddyError("user", `JetStreamSink on stream '${o.stream}': ${message}`, {}, { retriable: false });
  if (typeof o.stream !== "string" || !/^[^\s.*>]+$/.test(o.stream)) throw bad("stream must be a stream name (no spaces, '.', '*' or '>')");
  if (typeof o.subject === "string" ? o.subject.length === 0 || /[\s*>]/.test(o.subject) : typeof o.subject !== "function") {
    throw bad("subject must be a subject without wildcards, or a function from a record to one");
  }
  if (typeof o.serialize !== "function") throw bad("serialize must be a function from a record to bytes or a string");
  const minDuplicateWindowMs = o.minDuplicateWindowMs ?? 120_000;
  if (!(minDuplicateWindowMs >= 0)) throw bad(`minDuplicateWindowMs must be a duration in ms, got ${minDuplicateWindowMs}`);
  const maxInFlight = o.maxInFlight ?? 256;
  if (!Number.isInteger(maxInFlight) || maxInFlight < 1) throw bad(`maxInFlight must be a positive integer, got ${maxInFlight}`);
  const ackTimeoutMs = o.ackTimeoutMs ?? 10_000;
  if (!(ackTimeoutMs > 0)) throw bad(`ackTimeoutMs must be positive, got ${ackTimeoutMs}`);
  return { ...o, minDuplicateWindowMs, maxInFlight, ackTimeoutMs };
}
