// The `file(path, format, watch)` source: JSON lines or CSV, read incrementally and replayable from a byte offset;
// with `watch: true` it keeps polling for appended lines. Lines that do not fit the schema become dead letters.
import { closeSync, openSync, readSync } from "node:fs";
import type { InputStatus, ReaderOutput, Source, SourceReader } from "../../runtime/index.js";
import { readCsvRow, readJsonLine, splitCsv, type DeadLetterHandler, type SchemaType } from "./validate.js";

export interface FileSourceOptions {
  readonly name: string;
  readonly path: string;
  readonly format: "jsonl" | "csv";
  readonly watch: boolean;
  readonly type: SchemaType;
  readonly onDeadLetter: DeadLetterHandler;
}

/** How often a watching reader looks for new lines (an I/O poll: no result depends on it). */
const WATCH_POLL_MS = 200;

export class FileSource<T> implements Source<T> {
  readonly maxParallelism = 1;
  readonly replayable = true;
  readonly boundedness: "BOUNDED" | "CONTINUOUS_UNBOUNDED";
  constructor(private readonly options: FileSourceOptions) {
    this.boundedness = options.watch ? "CONTINUOUS_UNBOUNDED" : "BOUNDED";
  }
  createReader(): SourceReader<T> {
    return new FileReader<T>(this.options);
  }
}

interface Position {
  offset: number;
  line: number;
  header: string[] | null;
}

class FileReader<T> implements SourceReader<T> {
  private fd: number | null = null;
  private pos: Position = { offset: 0, line: 0, header: null };
  /** Bytes read after `pos.offset` that do not yet form a complete line. */
  private pending = Buffer.alloc(0);
  private eof = false;

  constructor(private readonly options: FileSourceOptions) {}

  pollNext(output: ReaderOutput<T>, max: number): InputStatus {
    if (this.fd === null) this.fd = openSync(this.options.path, "r");
    for (let n = 0; n < max; ) {
      const line = this.nextLine();
      if (line === null) return this.options.watch ? "NOTHING_AVAILABLE" : "END_OF_INPUT";
      this.pos.line++;
      if (line.trim() === "") continue;
      if (this.options.format === "csv" && this.pos.header === null) {
        this.pos.header = splitCsv(line).map((h) => h.trim());
        continue;
      }
      const read = this.options.format === "csv" ? readCsvRow(splitCsv(line), this.pos.header!, this.options.type) : readJsonLine(line, this.options.type);
      if ("reason" in read) this.options.onDeadLetter({ source: this.options.name, position: this.pos.line, reason: read.reason, raw: line });
      else {
        output.collect(read.value as T);
        n++;
      }
    }
    return "MORE_AVAILABLE";
  }

  /** The next complete line, or null when none is available (a final line without newline counts at the end). */
  private nextLine(): string | null {
    for (;;) {
      const nl = this.pending.indexOf(10);
      if (nl >= 0) {
        const line = this.pending.subarray(0, nl).toString("utf8");
        this.pending = this.pending.subarray(nl + 1);
        this.pos.offset += nl + 1;
        return line.endsWith("\r") ? line.slice(0, -1) : line;
      }
      const chunk = Buffer.alloc(64 * 1024);
      const read = readSync(this.fd!, chunk, 0, chunk.length, this.pos.offset + this.pending.length);
      if (read === 0) {
        if (this.options.watch || this.pending.length === 0) return null;
        const last = this.pending.toString("utf8");
        this.pos.offset += this.pending.length;
        this.pending = Buffer.alloc(0);
        this.eof = true;
        return last;
      }
      this.pending = Buffer.concat([this.pending, chunk.subarray(0, read)]);
    }
  }

  isAvailable(): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, this.eof ? 0 : WATCH_POLL_MS));
  }
  snapshotState(): Position {
    return { ...this.pos, header: this.pos.header === null ? null : [...this.pos.header] };
  }
  restoreState(state: unknown): void {
    this.pos = { ...(state as Position) };
    this.pending = Buffer.alloc(0);
  }
  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}
