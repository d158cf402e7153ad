// The keys of a KV bucket, from one request about its stream (the subjects it holds and their message counts).
// why not KV.keys(): that opens a consumer and waits for as many messages as it counted when it started; in a bucket
// whose entries expire (the TaskManager registry), an entry that expires in between is never delivered, and the
// iteration then waits for the consumer's idle heartbeat — it hung a CI run's registry test (nats-server#3481 reports
// the same with expiring entries). A subject's last message may be a deletion marker: callers get() each key and skip
// those, as they did.
import type { JetStreamManager } from "@nats-io/jetstream";

export class BucketKeys {
  private readonly stream: string;
  private readonly prefix: string;

  constructor(
    private readonly jsm: JetStreamManager,
    bucket: string,
  ) {
    this.stream = `KV_${bucket}`;
    this.prefix = `$KV.${bucket}.`;
  }

  /** The bucket's keys with a message (a value or a deletion marker), sorted. */
  async list(): Promise<string[]> {
    const info = await this.jsm.streams.info(this.stream, { subjects_filter: `${this.prefix}>` });
    return Object.keys(info.state.subjects ?? {})
      .map((subject) => subject.slice(this.prefix.length))
      .sort();
  }
}
