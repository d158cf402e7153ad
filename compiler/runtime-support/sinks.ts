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
