// The `stdout(format)` and `file(path, format)` sinks. The file sink writes JSON lines or CSV with plain appends
// (at-least-once); the exactly-once rolling file sink of the runtime replaces it when it lands.
import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import { dirname, extname, join } from "node:path";
import type { Sink, SinkWriter } from "../../runtime/index.js";

/** One record as a line: JSON, or CSV cells in field order. */
export function formatLine(value: unknown, format: "jsonl" | "csv"): string {
  if (format === "jsonl" || typeof value !== "object" || value === null) return JSON.stringify(value);
  return Object.values(value).map(csvCell).join(",");
}

function csvCell(v: unknown): string {
  const text = typeof v === "string" ? v : JSON.stringify(v) ?? "";
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function stdoutSink<T>(format: "jsonl" | "csv", write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Sink<T> {
  return { createWriter: () => ({ write: (value: T) => write(formatLine(value, format)) }) };
}

/** `path` ending in .jsonl/.csv is the file itself; otherwise a directory with one `part-<subtask>` file per subtask. */
export function fileSink<T>(path: string, format: "jsonl" | "csv"): Sink<T> {
  return {
    createWriter(context): SinkWriter<T> {
      const file = extname(path) !== "" ? path : join(path, `part-${context.subtaskIndex}.${format}`);
      mkdirSync(dirname(file), { recursive: true });
      const fd = openSync(file, "w");
      let headerDone = format !== "csv";
      return {
        write(value: T) {
          if (!headerDone && typeof value === "object" && value !== null) {
            writeSync(fd, `${Object.keys(value).join(",")}\n`);
            headerDone = true;
          }
          writeSync(fd, `${formatLine(value, format)}\n`);
        },
        close: () => closeSync(fd),
      };
    },
  };
}
