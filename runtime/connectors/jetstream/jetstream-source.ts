// A replayable source reading a NATS JetStream stream in sequence order: its position is the stream sequence of the
// next message, kept in checkpoints, so a restored job reads on from exactly where the checkpoint was taken.
import { EddyError } from "../../core/errors.js";
import type { Boundedness, Source, SourceReader, SourceReaderContext } from "../source.js";
import type { NatsServers } from "./connection.js";
import { JetStreamReader } from "./jetstream-reader.js";

/** What `deserialize` gets besides the payload. */
export interface JetStreamMessageInfo {
  readonly subject: string;
  /** The message's stream sequence (its position). */
  readonly sequence: number;
  /** When the stream stored the message, epoch milliseconds. */
  readonly timestamp: number;
}

/** A message `deserialize` refused: skipped, and reported to `onDeadLetter` when given. */
export interface JetStreamDeadLetter {
  readonly stream: string;
  readonly subject: string;
  readonly sequence: number;
  /** The message deserialize threw. */
  readonly reason: string;
  readonly data: Uint8Array;
}

export interface JetStreamSourceOptions<T> {
  readonly servers: NatsServers;
  readonly stream: string;
  /** Only messages on this subject (wildcards allowed); default: the whole stream. One filter (servers before 2.10 take one). */
  readonly subject?: string;
  /** A message's payload to a record; throwing marks the message malformed (see `onDeadLetter`). */
  readonly deserialize: (data: Uint8Array, info: JetStreamMessageInfo) => T;
  /** The first stream sequence to read when the job does not restore a position (default 1: the stream's start). */
  readonly startSequence?: number;
  /**
   * BOUNDED: read up to the stream's last sequence when the job first starts, then end (a restore keeps that end).
   * CONTINUOUS_UNBOUNDED (default): keep reading new messages.
   */
  readonly boundedness?: Boundedness;
  /**
   * Malformed messages: without it, the first one fails the job (not retried — it would fail again at the same
   * message) with its sequence and the reason; with it, each is skipped and handed here (a replay reports it again).
   */
  readonly onDeadLetter?: (letter: JetStreamDeadLetter) => void;
  /** Messages fetched ahead of the job (default 1024): the reader's memory bound. */
  readonly prefetch?: number;
}

/** @internal the validated options a reader works with. */
export interface JetStreamSourceSpec<T> extends JetStreamSourceOptions<T> {
  readonly startSequence: number;
  readonly boundedness: Boundedness;
  readonly prefetch: number;
}

/**
 * One reader (parallelism 1): a stream is a single log ordered by its sequence, so one reader keeps that order and
 * its position is one number. JetStream has no partitions to split among readers — subject filters would each need
 * their own consumer and position, and a record's order across subjects would be lost. Scale the operators after it.
 */
export class JetStreamSource<T> implements Source<T> {
  readonly boundedness: Boundedness;
  readonly maxParallelism = 1;
  readonly replayable = true;
  // why: the reader owns a NATS connection and its prefetched messages, tied to the worker that opened them
  readonly movable = false;
  private readonly spec: JetStreamSourceSpec<T>;

  constructor(options: JetStreamSourceOptions<T>) {
    this.spec = validate(options);
    this.boundedness = this.spec.boundedness;
  }

  createReader(context: SourceReaderContext): SourceReader<T> {
    if (context.subtaskIndex > 0) {
      throw new EddyError("user", `JetStreamSource on stream '${this.spec.stream}' runs with parallelism 1 (it got ${context.parallelism}): set the source's parallelism to 1`, { subtask: context.subtaskIndex }, { retriable: false });
    }
    return new JetStreamReader(this.spec);
  }
}

function validate<T>(o: JetStreamSourceOptions<T>): JetStreamSourceSpec<T> {
  const bad = (message: string) => new EddyError("user", `JetStreamSource on stream '${o.stream}': ${message}`, {}, { retriable: false });
  if (typeof o.stream !== "string" || !/^[^\s.*>]+$/.test(o.stream)) throw bad("stream must be a stream name (no spaces, '.', '*' or '>')");
  if (typeof o.deserialize !== "function") throw bad("deserialize must be a function from a message's bytes to a record");
  if (o.subject !== undefined && (typeof o.subject !== "string" || o.subject.length === 0)) throw bad("subject must be a subject filter such as 'orders.>'");
  const startSequence = o.startSequence ?? 1;
  if (!Number.isSafeInteger(startSequence) || startSequence < 1) throw bad(`startSequence must be a positive integer, got ${startSequence}`);
  const prefetch = o.prefetch ?? 1024;
  if (!Number.isInteger(prefetch) || prefetch < 1) throw bad(`prefetch must be a positive integer, got ${prefetch}`);
  const boundedness = o.boundedness ?? "CONTINUOUS_UNBOUNDED";
  if (boundedness !== "BOUNDED" && boundedness !== "CONTINUOUS_UNBOUNDED") throw bad(`boundedness must be "BOUNDED" or "CONTINUOUS_UNBOUNDED", got ${String(boundedness)}`);
  return { ...o, startSequence, prefetch, boundedness };
}
