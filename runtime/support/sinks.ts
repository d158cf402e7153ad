// The `stdout(format)` and `file(path, format, rollEvery)` sinks. The file sink is the runtime's exactly-once FileSink:
// part files that stay hidden until the checkpoint that covers them completes (or, without checkpointing, until a
// bounded input ends), never overwriting a file.
import { FileSink, type PartitionCommitOptions, type Sink, type SinkWriter } from "../index.js";
import { csvField } from "../connectors/file/row-encoders.js";
import { partFilesOf } from "../../formats/input-files.js";

/** One record as a line (no newline): JSON, or CSV cells in field order (null is an empty field, "" is `""`). */
export function formatLine(value: unknown, format: "jsonl" | "csv"): string {
  if (format === "jsonl" || typeof value !== "object" || value === null) return JSON.stringify(value);
  let line = "";
  let first = true;
  for (const key in value) {
    line += first ? csvField((value as Record<string, unknown>)[key]) : `,${csvField((value as Record<string, unknown>)[key])}`;
    first = false;
  }
  return line;
}

/** Where `stdout()` sinks write: process.stdout, or any stream whose `write` returns false when its buffer is full. */
export interface RecordStream {
  write(chunk: string): boolean;
  once(event: "drain", listener: () => void): unknown;
}

/** Characters a stdout writer gathers before it writes them in one call. */
const STDOUT_CHUNK = 65_536;

/**
 * Writes each record as a line to `out` (null: drops them, `eddy run --quiet`). Lines are gathered and written in
 * chunks — at 64 KiB, or when the job next yields to the event loop (at most ~20 ms later) — since one write per
 * record costs a system call each once the buffer runs empty. When the stream's buffer is full (a reader slower than
 * the job, or paused) the writer reports it is not ready until the stream drains, so the job waits instead of
 * buffering its whole output in memory.
 */
export function stdoutSink<T>(format: "jsonl" | "csv", out: RecordStream | null = process.stdout): Sink<T> {
  return {
    createWriter(): SinkWriter<T> {
      if (out === null) return { write() {} };
      let pending = "";
      let scheduled = false;
      let full: Promise<void> | null = null;
      const waitForDrain = (resolve: () => void) => out.once("drain", () => {
        full = null;
        resolve();
      });
      const writePending = () => {
        scheduled = false;
        if (pending === "") return;
        const chunk = pending;
        pending = "";
        if (!out.write(chunk) && full === null) full = new Promise(waitForDrain);
      };
      return {
        write(value: T) {
          pending += `${formatLine(value, format)}\n`;
          if (pending.length >= STDOUT_CHUNK) writePending();
          else if (!scheduled) {
            scheduled = true;
            setImmediate(writePending);
          }
        },
        availability: () => full,
        flush: writePending,
      };
    },
  };
}

export interface FileSinkSpec {
  /** Absolute, or relative to the working directory of the process. */
  readonly path: string;
  readonly format: "jsonl" | "csv";
  /** The record's fields in schema order: the CSV columns and header. */
  readonly columns: readonly string[];
  /** CSV: start each part with a header line (the default; false: rows only, as Flink's csv format writes them). */
  readonly header?: boolean;
  /** Roll to a new part file when a record's event time is this far past the part's first record (ms). */
  readonly rollEvery?: number;
  /** Fields that choose each record's partition directory (`path/dt=…/hm=…/`); not written into the rows. */
  readonly partitionBy?: readonly string[];
  /** When a partition is marked complete with `_SUCCESS` (`commit`, `commitDelay`, `timePattern`). */
  readonly partitionCommit?: PartitionCommitOptions;
}

/** The `file(...)` sink of a .flow job: CSV parts start with a header line (unless `header: false`), so each part reads back on its own. */
export function fileSink<T>(spec: FileSinkSpec): FileSink<T> {
  const { directory, prefix, suffix } = partFilesOf(spec.path, spec.format);
  return FileSink.forRowFormat<T>(directory, {
    format: spec.format,
    prefix,
    suffix,
    ...(spec.format === "csv" ? { columns: spec.columns, header: spec.header !== false } : {}),
    ...(spec.rollEvery === undefined ? {} : { rollEvery: spec.rollEvery }),
    ...(spec.partitionBy === undefined ? {} : { partitionBy: spec.partitionBy }),
    ...(spec.partitionCommit === undefined ? {} : { partitionCommit: spec.partitionCommit }),
  });
}

/** The `discard()` sink (Flink's `blackhole` connector): takes every batch whole and keeps nothing. */
export function discardSink<T>(): Sink<T> {
  return { createWriter: (): SinkWriter<T> => ({ write() {}, writeBatch() {} }) };
}
