// The built-in connectors and the parameters each accepts (what `source x = file(…)` may say).
import { BOOL, DURATION, INT, STRING, type Type } from "./type.js";

export interface ConnectorParam {
  readonly name: string;
  readonly type: Type;
  readonly required: boolean;
  /** Allowed string values, when the parameter is an enumeration (`format`). */
  readonly oneOf?: readonly string[];
}

export interface ConnectorSpec {
  readonly name: string;
  readonly role: "source" | "sink";
  /** In positional order: positional arguments fill these first. */
  readonly params: readonly ConnectorParam[];
  /** Generators take implementation-specific settings; any extra named constant is passed through. */
  readonly open?: boolean;
  /** True for `collection([...])`: the record type can be inferred from the literal records. */
  readonly inlineRecords?: boolean;
}

const req = (name: string, type: Type, oneOf?: readonly string[]): ConnectorParam => (oneOf ? { name, type, required: true, oneOf } : { name, type, required: true });
const opt = (name: string, type: Type, oneOf?: readonly string[]): ConnectorParam => (oneOf ? { name, type, required: false, oneOf } : { name, type, required: false });
const FORMATS = ["jsonl", "csv"] as const;
/** How the `postgres(...)` sink writes (the runtime's PostgresSink.exactlyOnce and PostgresSink.upsert). */
export const POSTGRES_MODES = ["exactly_once", "upsert"] as const;
/** When a partitioned `file(...)` sink commits a partition (Flink's `sink.partition-commit.trigger`). */
export const PARTITION_COMMIT_TRIGGERS = ["partition-time", "process-time"] as const;

export const SOURCE_CONNECTORS: ReadonlyMap<string, ConnectorSpec> = new Map<string, ConnectorSpec>([
  // The `records` parameter's type is the source's record type; checked specially.
  ["collection", { name: "collection", role: "source", params: [req("records", { kind: "unknown" })], inlineRecords: true }],
  // `partitionBy` reads a partitioned sink's directories back: an array of column names (report-connector-settings.ts).
  ["file", { name: "file", role: "source", params: [req("path", STRING), opt("format", STRING, FORMATS), opt("watch", BOOL), opt("header", BOOL), opt("partitionBy", { kind: "unknown" })] }],
  ["generator", { name: "generator", role: "source", params: [opt("count", INT), opt("rate", INT), opt("seed", INT)], open: true }],
  // Flink's DataGen (number-of-rows, rows-per-second, fields.<f>.…); `fields` is checked in check-datagen.ts.
  ["datagen", { name: "datagen", role: "source", params: [opt("rows", INT), opt("rate", INT), opt("seed", INT), opt("fields", { kind: "unknown" })] }],
  // `table` picks the Person, Auction or Bid view of the one generated event stream (see types/nexmark.ts).
  ["nexmark", { name: "nexmark", role: "source", params: [opt("events", INT), opt("rate", INT), opt("seed", INT), opt("table", STRING, ["person", "auction", "bid"])], open: true }],
  ["socket", { name: "socket", role: "source", params: [req("host", STRING), req("port", INT), opt("format", STRING, FORMATS)] }],
  // A NATS JetStream stream of JSON messages (runtime/connectors/jetstream): replayable from the stream sequence.
  ["jetstream", { name: "jetstream", role: "source", params: [req("servers", STRING), req("stream", STRING), opt("subject", STRING), opt("bounded", BOOL), opt("start", INT)] }],
  // A bounded scan of a PostgreSQL table (Flink's JDBC scan source, runtime/connectors/postgres/postgres-source.ts):
  // partitionColumn, partitions, lowerBound, upperBound are its scan.partition.*, fetchSize its scan.fetch-size
  // (checked together in types/check-postgres-scan.ts).
  ["postgres", {
    name: "postgres",
    role: "source",
    params: [req("url", STRING), req("table", STRING), opt("partitionColumn", STRING), opt("partitions", INT), opt("lowerBound", INT), opt("upperBound", INT), opt("fetchSize", INT)],
  }],
]);

export const SINK_CONNECTORS: ReadonlyMap<string, ConnectorSpec> = new Map<string, ConnectorSpec>([
  ["stdout", { name: "stdout", role: "sink", params: [opt("format", STRING, FORMATS)] }],
  // `partitionBy` is an array of column names (checked in report-connector-settings.ts, hence `unknown`); the rest is
  // Flink's partition commit (sink.partition-commit.trigger / .delay, partition.time-extractor.timestamp-pattern).
  ["file", {
    name: "file",
    role: "sink",
    params: [
      req("path", STRING), opt("format", STRING, FORMATS), opt("header", BOOL), opt("rollEvery", DURATION), opt("partitionBy", { kind: "unknown" }),
      opt("commit", STRING, PARTITION_COMMIT_TRIGGERS), opt("commitDelay", DURATION), opt("timePattern", STRING),
    ],
  }],
  ["collect", { name: "collect", role: "sink", params: [] }],
  // Drops every record (Flink's `blackhole`): for benchmarks and for jobs run for their side effects or metrics.
  ["discard", { name: "discard", role: "sink", params: [] }],
  // Named after Flink's JDBC connector (url, table-name, sink.buffer-flush.max-rows); `key` is its PRIMARY KEY. The
  // key is a column name or an array of them (checked in report-connector-settings.ts), hence `unknown` here.
  ["postgres", {
    name: "postgres",
    role: "sink",
    params: [req("url", STRING), req("table", STRING), opt("mode", STRING, POSTGRES_MODES), opt("key", { kind: "unknown" }), opt("batchSize", INT)],
  }],
  // Exactly-once into a JetStream stream: a checkpoint's messages published on commit with de-duplication ids.
  ["jetstream", { name: "jetstream", role: "sink", params: [req("servers", STRING), req("stream", STRING), req("subject", STRING), opt("minDuplicateWindow", DURATION)] }],
]);

/** Restart strategies for `restart …` in a job. */
export const RESTART_STRATEGIES: ReadonlyMap<string, readonly ConnectorParam[]> = new Map([
  ["fixed", [req("attempts", INT), req("delay", DURATION)]],
  ["exponential", [req("initial", DURATION), req("max", DURATION)]],
  ["none", []],
]);

/** File name extensions that say the format of a `file(...)` source or sink without `format:`. */
export const FORMAT_OF_EXTENSION: ReadonlyMap<string, "jsonl" | "csv"> = new Map([
  [".jsonl", "jsonl"], [".ndjson", "jsonl"], [".json", "jsonl"], [".csv", "csv"],
]);

/** The format of a `file(...)` connector: the `format` argument, else the path's extension; undefined when neither says. */
export function fileFormatOf(path: string, format: unknown): "jsonl" | "csv" | undefined {
  if (format === "jsonl" || format === "csv") return format;
  const dot = path.lastIndexOf(".");
  if (dot <= path.lastIndexOf("/") + 1) return undefined;
  return FORMAT_OF_EXTENSION.get(path.slice(dot).toLowerCase());
}
