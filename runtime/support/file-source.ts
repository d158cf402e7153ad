// The `file(path, format, watch)` source: JSON lines or CSV, read incrementally and replayable from a byte offset;
// with `watch: true` it keeps polling for appended lines. The path may name a file, a directory (its visible files, in
// name order) or what a `file(...)` sink wrote for the same path (its committed part files), so one job reads what
// another wrote; with `partitionBy`, the files of its partition directories, whose names give the partition columns
// (those a `partitionFilter` rules out are not read).
// Lines that do not fit the schema (or whose partition values do not) become dead letters.
import { closeSync, openSync, readSync } from "node:fs";
import { basename } from "node:path";
import { EddyError, type InputStatus, type ReaderOutput, type Source, type SourceReader } from "../index.js";
import { CsvRowReader, endsInsideQuotes } from "./csv-rows.js";
import { findInputFiles, type Inputs, type PartitionPruning } from "../../formats/input-files.js";
import { PartitionColumns, type PartitionFilter, type PartitionValues } from "./partition-columns.js";
import { readJsonLine, type DeadLetterHandler, type SchemaType } from "./validate.js";

export interface FileSourceOptions {
  readonly name: string;
  /** Absolute, or relative to the working directory of the process (resolved when the reader opens the file). */
  readonly path: string;
  readonly format: "jsonl" | "csv";
  readonly watch: boolean;
  /**
   * CSV: whether each file starts with a header line naming its columns (the default). Without one (Flink's csv
   * format has none) the columns are the schema's fields, in order.
   */
  readonly header?: boolean;
  /**
   * Hive-style partition columns (Flink's `PARTITIONED BY`): the files are those of the partition directories
   * `path/dt=…/hm=…/`, their rows hold the other fields, and each record takes its partition columns from the
   * directories' names (see partition-columns.ts). A value that does not convert makes each record of the file a dead letter.
   */
  readonly partitionBy?: readonly string[];
  /**
   * Partition pruning: with `partitionBy`, the partition directories whose values it is false for are not read (nor
   * listed). The compiler passes the partition conjuncts of the filters the source feeds (passes/prune-partitions.ts),
   * which still filter every record: skipping a partition only saves reading records they would drop.
   */
  readonly partitionFilter?: PartitionFilter;
  readonly type: SchemaType;
  readonly onDeadLetter: DeadLetterHandler;
}

/** How often a watching reader looks for new lines (an I/O poll: no result depends on it). */
const WATCH_POLL_MS = 200;

/** Errors of opening a file that a restart cannot cure: the job fails at once with the message. */
const CONFIGURATION_ERRORS = new Set(["ENOENT", "ENOTDIR", "EISDIR", "EACCES", "EPERM"]);

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
  /** The input files (fixed when first listed, so a replay reads the same ones in the same order); null before. */
  files: readonly string[] | null;
  /** Several complete files (a directory, a sink's parts): each is read to its end; watching looks for new files. */
  several: boolean;
  /** Which of them is being read. */
  file: number;
  offset: number;
  line: number;
  header: readonly string[] | null;
}

/**
 * The files `path` names (see findInputFiles), without the partitions `keep` rejects; nothing readable there fails the
 * job with the path's error.
 */
export function listInputFiles(name: string, path: string, format: "jsonl" | "csv", partitionBy: readonly string[] = [], keep: PartitionPruning | null = null): Inputs {
  const found = findInputFiles(path, format, partitionBy, keep);
  return "error" in found ? fail(name, "open", found.path, found.error) : found;
}

/**
 * Opens the source's file; a failure is an external error naming the source and the file. A missing or unreadable
 * file is a configuration error: not retriable, so the restart strategy does not try again.
 */
export function openSourceFile(name: string, path: string): number {
  try {
    return openSync(path, "r");
  } catch (e) {
    return fail(name, "open", path, e);
  }
}

/** Reads from the source's file at `position`; failures as in openSourceFile (a directory fails here on Linux). */
function readSourceFile(name: string, path: string, fd: number, into: Buffer, position: number): number {
  try {
    return readSync(fd, into, 0, into.length, position);
  } catch (e) {
    return fail(name, "read", path, e);
  }
}

function fail(name: string, what: "open" | "read", path: string, e: unknown): never {
  const code = (e as NodeJS.ErrnoException).code ?? "";
  const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : code === "EACCES" || code === "EPERM" ? "permission denied" : (e as Error).message;
  throw new EddyError(
    "external",
    `file source '${name}' cannot ${what} ${path}: ${why} — relative paths are resolved against the working directory (${process.cwd()}); ` +
      `check the path, or give another one with RunOptions.files { ${name}: "…" }`,
    {},
    { cause: e, retriable: !CONFIGURATION_ERRORS.has(code) },
  );
}

class FileReader<T> implements SourceReader<T> {
  private fd: number | null = null;
  private pos: Position = { files: null, several: false, file: 0, offset: 0, line: 0, header: null };
  /** Bytes read after `pos.offset` that do not yet form a complete line. */
  private pending = Buffer.alloc(0);
  private eof = false;
  private readonly csv: CsvRowReader | null;
  /** Null when the source is not partitioned. */
  private readonly partitions: PartitionColumns | null;
  /** The partition values of the file being read (null when not partitioned, or before it is opened). */
  private partition: PartitionValues | null = null;
  /** The type of the files' rows: the schema, without the partition columns of a partitioned source. */
  private readonly rowType: SchemaType;
  /** The partitions to read (partition pruning); null: all of them. */
  private readonly keep: PartitionPruning | null;

  constructor(private readonly options: FileSourceOptions) {
    const keys = options.partitionBy ?? [];
    const partitions = keys.length === 0 ? null : new PartitionColumns(options.name, keys, options.type);
    this.partitions = partitions;
    const filter = options.partitionFilter;
    this.keep = partitions === null || filter === undefined ? null : (directories) => partitions.mayKeep(directories, filter);
    this.rowType = this.partitions?.rowType ?? options.type;
    this.csv = options.format === "csv" ? new CsvRowReader(this.rowType) : null;
    this.pos.header = this.headerless();
    if (this.pos.header !== null) this.csv?.useSchemaColumns();
  }

  /** Without header lines, every file's columns are the schema's fields in order; else null until a header is read. */
  private headerless(): readonly string[] | null {
    const type = this.rowType;
    return this.options.format === "csv" && this.options.header === false && type.kind === "record" ? type.fields.map((f) => f.name) : null;
  }

  /** Whether a missing end of line means "not written yet": only when watching one file for appends. */
  private get tailing(): boolean {
    return this.options.watch && !this.pos.several;
  }

  pollNext(output: ReaderOutput<T>, max: number): InputStatus {
    if (this.pos.files === null) {
      // why the position keeps the pruned list: a restore reads on in the files it counted in, none skipped or added
      const inputs = listInputFiles(this.options.name, this.options.path, this.options.format, this.options.partitionBy, this.keep);
      this.pos.files = inputs.files;
      this.pos.several = inputs.several;
    }
    const csv = this.csv;
    for (let n = 0; n < max; ) {
      if (this.fd === null) {
        if (this.pos.file >= this.pos.files.length && !this.nextFiles()) return this.options.watch ? "NOTHING_AVAILABLE" : "END_OF_INPUT";
        const file = this.pos.files[this.pos.file]!;
        this.fd = openSourceFile(this.options.name, file);
        this.partition = this.partitions?.valuesOf(file) ?? null;
      }
      const first = this.pos.line + 1;
      let line = csv === null ? this.nextLine() : this.nextCsvRecord();
      if (line === null) {
        if (this.tailing) return "NOTHING_AVAILABLE";
        this.nextFile();
        continue;
      }
      // why: spreadsheet programs start UTF-8 files with a byte order mark; it is not part of the first field
      if (first === 1 && line.charCodeAt(0) === 0xfeff) line = line.slice(1);
      // why: a blank line holds no record, except in a one-column CSV, where it is a row whose field is null
      if (line.trim() === "" && !(csv !== null && this.pos.header?.length === 1)) continue;
      if (csv !== null && this.pos.header === null) {
        const problem = csv.readHeader(line);
        this.pos.header = csv.headerNames();
        if (problem !== null) this.deadLetter(first, problem, line);
        continue;
      }
      const partition = this.partition;
      // why before reading the row: a partition value that does not convert spoils every record of the file
      if (partition !== null && "reason" in partition) {
        this.deadLetter(first, partition.reason, line);
        continue;
      }
      const read = csv === null ? readJsonLine(line, this.rowType) : csv.readRow(line);
      if ("reason" in read) this.deadLetter(first, read.reason, line);
      else {
        output.collect((partition === null ? read.value : this.partitions!.complete(read.value as Record<string, unknown>, partition.values)) as T);
        n++;
      }
    }
    return "MORE_AVAILABLE";
  }

  /** Done with the current file: the next one starts at its beginning, with its own CSV header. */
  private nextFile(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    this.pos = { files: this.pos.files, several: this.pos.several, file: this.pos.file + 1, offset: 0, line: 0, header: this.headerless() };
    this.csv?.restoreHeader(null);
    this.pending = Buffer.alloc(0);
    this.eof = false;
  }

  /** Watching several files: adds files that appeared since the last listing; true when there is one to read. */
  private nextFiles(): boolean {
    if (!this.options.watch || !this.pos.several) return false;
    const known = new Set(this.pos.files);
    const now = listInputFiles(this.options.name, this.options.path, this.options.format, this.options.partitionBy, this.keep).files.filter((f) => !known.has(f));
    if (now.length === 0) return false;
    this.pos.files = [...this.pos.files!, ...now];
    return true;
  }

  private deadLetter(position: number, reason: string, raw: string): void {
    // why: with several files the line number needs the file it counts in — in partitions, with its partition directories
    const file = this.pos.files![this.pos.file]!;
    const where = this.partitions === null ? basename(file) : [...this.partitions.directoriesOf(file), basename(file)].join("/");
    const source = this.pos.several ? `${this.options.name} (${where})` : this.options.name;
    this.options.onDeadLetter({ source, position, reason, raw });
  }

  /**
   * The next CSV record: a line, joined with the next ones while a quoted field is open (a field with line breaks).
   * While watching, an incomplete record is left for a later poll; at the end of the file it is returned as it is.
   */
  private nextCsvRecord(): string | null {
    const startOffset = this.pos.offset;
    const startLine = this.pos.line;
    const startPending = this.pending;
    let record = this.nextLine();
    while (record !== null && endsInsideQuotes(record)) {
      const more = this.nextLine();
      if (more === null) {
        if (!this.tailing) return record;
        // why: the rest of the record is not written yet; read it again from its start next time
        this.pos.offset = startOffset;
        this.pos.line = startLine;
        this.pending = startPending;
        return null;
      }
      record += `\n${more}`;
    }
    return record;
  }

  /** The next complete line (counted in `pos.line`), or null when none is available (a final line without newline counts at the end). */
  private nextLine(): string | null {
    for (;;) {
      const nl = this.pending.indexOf(10);
      if (nl >= 0) {
        const line = this.pending.subarray(0, nl).toString("utf8");
        this.pending = this.pending.subarray(nl + 1);
        this.pos.offset += nl + 1;
        this.pos.line++;
        return line.endsWith("\r") ? line.slice(0, -1) : line;
      }
      const chunk = Buffer.alloc(64 * 1024);
      const read = readSourceFile(this.options.name, this.pos.files![this.pos.file]!, this.fd!, chunk, this.pos.offset + this.pending.length);
      if (read === 0) {
        if (this.tailing || this.pending.length === 0) return null;
        const last = this.pending.toString("utf8");
        this.pos.offset += this.pending.length;
        this.pos.line++;
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
    return { ...this.pos, files: this.pos.files === null ? null : [...this.pos.files], header: this.pos.header === null ? null : [...this.pos.header] };
  }
  restoreState(state: unknown): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    // why: a position checkpointed before sources listed their files has only offset, line and header
    const st = state as Partial<Position> & Pick<Position, "offset" | "line">;
    this.pos = { files: st.files ?? null, several: st.several ?? false, file: st.file ?? 0, offset: st.offset, line: st.line, header: st.header ?? null };
    this.csv?.restoreHeader(this.pos.header);
    this.pending = Buffer.alloc(0);
    this.eof = false;
  }
  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}
