// The `jetstream(...)` source and sink of a .flow job: the runtime's JetStreamSource and exactly-once JetStreamSink,
// one JSON document per message (as a `jsonl` file line); messages that do not fit the schema become dead letters.
import { JetStreamSink, JetStreamSource } from "../index.js";
import { readJsonLine, type DeadLetterHandler, type SchemaType } from "./validate.js";

export interface JetStreamSourceSpec {
  readonly servers: string;
  readonly stream: string;
  readonly subject?: string;
  /** Read up to the stream's last message when the job starts, then end. */
  readonly bounded: boolean;
  /** The first stream sequence to read (default 1). */
  readonly start?: number;
}

export interface JetStreamSinkSpec {
  readonly servers: string;
  readonly stream: string;
  readonly subject: string;
  readonly minDuplicateWindowMs?: number;
}

/** Thrown by deserialize for a message that does not fit: the source turns it into a dead letter. */
class MisfitMessage extends Error {}

export function jetstreamSource<T>(name: string, spec: JetStreamSourceSpec, type: SchemaType, onDeadLetter: DeadLetterHandler): JetStreamSource<T> {
  const decoder = new TextDecoder();
  return new JetStreamSource<T>({
    servers: spec.servers,
    stream: spec.stream,
    ...(spec.subject === undefined ? {} : { subject: spec.subject }),
    ...(spec.start === undefined ? {} : { startSequence: spec.start }),
    boundedness: spec.bounded ? "BOUNDED" : "CONTINUOUS_UNBOUNDED",
    deserialize: (data) => {
      const read = readJsonLine(decoder.decode(data), type);
      if ("reason" in read) throw new MisfitMessage(read.reason);
      return read.value as T;
    },
    // why the sequence as the position: it names the message in the stream (`nats stream get <stream> <seq>`)
    onDeadLetter: (letter) => onDeadLetter({ source: name, position: letter.sequence, reason: letter.reason, raw: decoder.decode(letter.data) }),
  });
}

export function jetstreamSink<T>(spec: JetStreamSinkSpec): JetStreamSink<T> {
  return new JetStreamSink<T>({
    servers: spec.servers,
    stream: spec.stream,
    subject: spec.subject,
    serialize: (record) => JSON.stringify(record),
    ...(spec.minDuplicateWindowMs === undefined ? {} : { minDuplicateWindowMs: spec.minDuplicateWindowMs }),
  });
}
