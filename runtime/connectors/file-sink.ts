// An exactly-once file sink (Flink's FileSink, row formats): records go to hidden part files that
// become visible only when the checkpoint that pre-committed them completes.
import { EddyError } from "../core/errors.js";
import { FileSinkWriter, type Partitioning, type RollingPolicy } from "./file/file-sink-writer.js";
import { listCommittedParts, type PartNaming } from "./file/part-files.js";
import type { PartitionCommitOptions } from "./file/partition-commit-trigger.js";
import { PartitionCommitter } from "./file/partition-committer.js";
import { partitionPathOf, timePatternReferences } from "./file/partitions.js";
import { csvEncoder, csvHeader, jsonLinesEncoder, type RowEncoder } from "./file/row-encoders.js";
import type { Sink, SinkWriterContext } from "./sink.js";

export type { FileSinkTransaction, FileSinkWriter } from "./file/file-sink-writer.js";
export type { PartitionCommitOptions } from "./file/partition-commit-trigger.js";

export interface RowFormatOptions {
  readonly format: "jsonl" | "csv";
  /** CSV: the fields of object records, in order (arrays are written as they are). */
  readonly columns?: readonly string[];
  /** CSV: start every part file with a header line of `columns`. */
  readonly header?: boolean;
  /** Roll to a new part once a part holds this many bytes (default 128 MiB, as Flink). */
  readonly maxPartSize?: number;
  /**
   * Roll when a record's event timestamp is `rollEvery` ms past the part's first one. Event time,
   * not processing time, so that a replay after a failure rolls at the same records; records
   * without a timestamp never roll a part. Parts also roll on every checkpoint.
   */
  readonly rollEvery?: number;
  /** Part file names: `<prefix>-<subtask>-<n><suffix>` (default `part` and `.jsonl` / `.csv`). */
  readonly prefix?: string;
  readonly suffix?: string;
  /**
   * Fields of object records that choose their partition directory, Hive-style: `dir/dt=2015-07-15/hm=12%3A00/`
   * (values escaped as Flink does). They are not written into the rows (nor the CSV columns and header).
   */
  readonly partitionBy?: readonly string[];
  /** Partitioned sinks: when to mark a partition complete with a `_SUCCESS` file (Flink's partition commit). */
  readonly partitionCommit?: PartitionCommitOptions;
}

export class FileSink<T> implements Sink<T> {
  readonly naming: PartNaming;
  private readonly encoder: RowEncoder<T>;
  private readonly header: string | null;
  private readonly policy: RollingPolicy;
  private readonly partitionBy: readonly string[];

  private constructor(
    readonly directory: string,
    private readonly options: RowFormatOptions,
  ) {
    this.naming = { prefix: options.prefix ?? "part", suffix: options.suffix ?? (options.format === "csv" ? ".csv" : ".jsonl") };
    this.policy = { maxPartSize: options.maxPartSize ?? 128 * 1024 * 1024, rollEvery: options.rollEvery ?? null };
    this.partitionBy = options.partitionBy ?? [];
    const partitionColumns = new Set(this.partitionBy);
    const columns = options.columns?.filter((c) => !partitionColumns.has(c));
    this.encoder = options.format === "csv" ? csvEncoder<T>(columns) : jsonLinesEncoder<T>(this.partitionBy);
    this.header = options.format === "csv" && options.header === true ? csvHeader(columns ?? []) : null;
  }

  /**
   * One line per record, in part files under `directory`. Exactly-once with checkpointing: readers
   * that ignore hidden files (names starting with '.') see each record exactly once; without
   * checkpointing everything becomes visible when the job ends.
   */
  static forRowFormat<T>(directory: string, options: RowFormatOptions): FileSink<T> {
    validate(directory, options);
    return new FileSink<T>(directory, options);
  }

  createWriter(context: SinkWriterContext): FileSinkWriter<T> {
    return new FileSinkWriter<T>(this.directory, this.naming, this.encoder, this.header, this.policy, context, this.partitioningFor(context));
  }

  /** The committed part files (full paths), by subtask and part index: what readers may consume. */
  committedFiles(): string[] {
    return listCommittedParts(this.directory, this.naming, this.partitionBy.length);
  }

  private partitioningFor(context: SinkWriterContext): Partitioning<T> | null {
    const keys = this.partitionBy;
    if (keys.length === 0) return null;
    const commit = this.options.partitionCommit;
    const clock = context.clock;
    // why the wall clock as a fallback: a writer made by hand (tests, embedded use) has no job clock
    const now = clock === undefined ? () => Date.now() : () => clock.now();
    const committer = commit === undefined ? null : new PartitionCommitter(this.directory, keys, commit, context.subtaskIndex, context.parallelism, now);
    return { depth: keys.length, pathOf: partitionPathOf<T>(keys), committer };
  }
}

function validate(directory: string, o: RowFormatOptions): void {
  const bad = (message: string) => new EddyError("user", `FileSink.forRowFormat('${directory}'): ${message}`, {}, { retriable: false });
  if (o.format !== "jsonl" && o.format !== "csv") throw bad(`format must be "jsonl" or "csv", got ${JSON.stringify(o.format)}`);
  if (o.maxPartSize !== undefined && !(Number.isInteger(o.maxPartSize) && o.maxPartSize > 0)) throw bad(`maxPartSize must be a positive number of bytes, got ${o.maxPartSize}`);
  if (o.rollEvery !== undefined && !(o.rollEvery > 0)) throw bad(`rollEvery must be a positive number of milliseconds, got ${o.rollEvery}`);
  if (o.prefix !== undefined && !/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(o.prefix)) throw bad(`prefix must be a plain file name part (letters, digits, '_', '-', '.'), got '${o.prefix}'`);
  if (o.suffix !== undefined && (o.suffix.includes("/") || o.suffix.endsWith(".inprogress") || o.suffix.endsWith(".pending"))) {
    throw bad(`suffix '${o.suffix}' cannot contain '/' or end like a hidden stage (.inprogress, .pending)`);
  }
  if (o.header === true && (o.format !== "csv" || o.columns === undefined)) throw bad("header needs format 'csv' and the columns");
  if (o.columns !== undefined && o.format !== "csv") throw bad("columns only apply to format 'csv'");
  const keys = o.partitionBy ?? [];
  if (keys.some((k) => typeof k !== "string" || k === "") || new Set(keys).size !== keys.length) throw bad(`partitionBy must name distinct fields, got ${JSON.stringify(keys)}`);
  if (o.columns !== undefined) {
    const missing = keys.filter((k) => !o.columns!.includes(k));
    if (missing.length > 0) throw bad(`partitionBy names ${missing.join(", ")}, not among the columns`);
    if (keys.length === o.columns.length && keys.length > 0) throw bad("every column is a partition column: the rows would be empty");
  }
  const c = o.partitionCommit;
  if (c === undefined) return;
  if (keys.length === 0) throw bad("partitionCommit needs partitionBy: only partitions are committed");
  if (c.trigger !== "partition-time" && c.trigger !== "process-time") throw bad(`partitionCommit.trigger must be "partition-time" or "process-time", got ${JSON.stringify(c.trigger)}`);
  if (!(Number.isFinite(c.delay) && c.delay >= 0)) throw bad(`partitionCommit.delay must be a number of milliseconds ≥ 0, got ${c.delay}`);
  const unknown = c.timePattern === null ? [] : timePatternReferences(c.timePattern).filter((r) => !keys.includes(r));
  if (unknown.length > 0) throw bad(`partitionCommit.timePattern refers to $${unknown.join(", $")}, not partition columns (${keys.join(", ")})`);
}
