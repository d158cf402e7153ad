// The `stdout(format)` and `file(path, format, rollEvery)` sinks. The file sink is the runtime's exactly-once FileSink:
// part files that stay hidden until the checkpoint that covers them completes (or, without checkpointing, until a
// bounded input ends), never overwriting a file.
import { FileSink, type Sink } from "../../runtime/index.js";
import { csvField } from "../../runtime/connectors/file/row-encoders.js";
import { partFilesOf } from "./input-files.js";

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

export function stdoutSink<T>(format: "jsonl" | "csv", write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Sink<T> {
  return { createWriter: () => ({ write: (value: T) => write(formatLine(value, format)) }) };
}

export interface FileSinkSpec {
  /** Absolute, or relative to the working directory of the process. */
  readonly path: string;
  readonly format: "jsonl" | "csv";
  /** The record's fields in schema order: the CSV columns and header. */
  readonly columns: readonly string[];
  /** Roll to a new part file when a record's event time is this far past the part's first record (ms). */
  readonly rollEvery?: number;
}

/** The `file(...)` sink of a .flow job: CSV parts start with a header line, so each part reads back on its own. */
export function fileSink<T>(spec: FileSinkSpec): FileSink<T> {
  const { directory, prefix, suffix } = partFilesOf(spec.path, spec.format);
  return FileSink.forRowFormat<T>(directory, {
    format: spec.format,
    prefix,
    suffix,
    ...(spec.format === "csv" ? { columns: spec.columns, header: true } : {}),
    ...(spec.rollEvery === undefined ? {} : { rollEvery: spec.rollEvery }),
  });
}
