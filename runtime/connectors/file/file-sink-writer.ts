// The per-subtask writer of the file sink: one open in-progress part per partition directory (one in all for an
// unpartitioned sink), rolled by size or event time, made pending on pre-commit and visible on commit; recovery
// finishes or removes leftovers. A partitioned sink may commit partitions too (see partition-committer.ts).
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";
import { EddyError, type ErrorContext } from "../../core/errors.js";
import type { SinkWriteContext, SinkWriterContext } from "../sink.js";
import type { TwoPhaseCommitWriter } from "../two-phase-commit.js";
import { commitPart, inBucket, inProgressName, type PartNaming, pendingPartOf, type PendingPart, scanParts, syncDirectory } from "./part-files.js";
import type { PartitionCommitter } from "./partition-committer.js";
import type { RowEncoder } from "./row-encoders.js";

/** The handle a checkpoint stores for one pre-committed transaction of the file sink (plain data). */
export interface FileSinkTransaction {
  readonly subtask: number;
  /** The sink's parallelism when the handle was made: a different one on restore means a rescale. */
  readonly parallelism: number;
  readonly checkpointId: number;
  /** Parts written in this transaction, pending until the checkpoint completes. */
  readonly parts: readonly PendingPart[];
  /** The writer's next part index: parts of this subtask at or above it were not in the checkpoint. */
  readonly nextPart: number;
  /** A sink that commits partitions: the subtask's watermark at the barrier (null for -∞). */
  readonly watermark?: number | null;
  /** A sink that commits partitions: the subtask's input had ended at the barrier. */
  readonly ended?: boolean;
}

/** How a partitioned sink files records: its partition columns, each record's directory, and the commit. */
export interface Partitioning<T> {
  /** The directory levels below the sink's (one per partition column). */
  readonly depth: number;
  /** The record's partition directory relative to the sink's (`dt=…/hm=…`). */
  readonly pathOf: (record: T) => string;
  /** Null: partitions are never committed (no success files). */
  readonly committer: PartitionCommitter | null;
}

export interface RollingPolicy {
  /** Roll the part once it holds at least this many bytes. */
  readonly maxPartSize: number;
  /** Roll when a record's event time is this far past the part's first timestamped record (ms). */
  readonly rollEvery: number | null;
}

interface OpenPart {
  /** The partition directory relative to the sink's; "" when unpartitioned. */
  readonly bucket: string;
  readonly index: number;
  readonly fd: number;
  /** Encoded rows not yet handed to the OS: one write per ~64 KiB instead of one per record. */
  chunk: string;
  bytes: number;
  firstTimestamp: number | null;
}

const CHUNK_CHARS = 64 * 1024;

export class FileSinkWriter<T> implements TwoPhaseCommitWriter<T, FileSinkTransaction> {
  private nextPart: number;
  /** The open part of each partition directory (the key "" for an unpartitioned sink). */
  private readonly current = new Map<string, OpenPart>();
  /** The part the last record went to: consecutive records of one partition skip the map. */
  private last: OpenPart | null = null;
  private watermark = Number.NEGATIVE_INFINITY;
  private ended = false;
  /** Parts rolled since the last pre-commit, already pending on disk. */
  private parts: PendingPart[] = [];
  private restored: readonly FileSinkTransaction[] = [];
  private readonly errorContext: ErrorContext;

  constructor(
    private readonly directory: string,
    private readonly naming: PartNaming,
    private readonly encode: RowEncoder<T>,
    private readonly header: string | null,
    private readonly policy: RollingPolicy,
    private readonly context: SinkWriterContext,
    private readonly partitioning: Partitioning<T> | null = null,
  ) {
    this.errorContext = { job: context.jobName, operator: context.operatorName, subtask: context.subtaskIndex };
    this.io(`create the output directory ${directory}`, () => mkdirSync(directory, { recursive: true }));
    // why: even without a restore (or a restore from an older checkpoint) a part index never reuses a name
    this.nextPart = this.firstFreeIndex();
    const committer = partitioning?.committer ?? null;
    if (committer !== null) this.io("record the partition commit progress", () => committer.open());
  }

  write(value: T, context: SinkWriteContext): void {
    // 1. encode first: a record that cannot be written leaves no trace in the part
    const line = this.encode(value);
    const ts = context.timestamp;
    const bucket = this.partitioning === null ? "" : this.partitioning.pathOf(value);
    let part = this.last !== null && this.last.bucket === bucket ? this.last : (this.current.get(bucket) ?? null);
    // 2. roll before writing, so no part is ever empty
    if (part !== null && this.shouldRoll(part, ts)) {
      this.roll(part);
      part = null;
    }
    part ??= this.open(bucket, ts);
    this.last = part;
    // 3. buffer, and hand full chunks to the OS
    if (part.firstTimestamp === null) part.firstTimestamp = ts;
    part.chunk += line;
    part.bytes += Buffer.byteLength(line);
    if (part.chunk.length >= CHUNK_CHARS) this.writeChunk(part);
  }

  flush(endOfInput?: boolean): void {
    for (const part of this.current.values()) this.writeChunk(part);
    if (endOfInput === true) this.ended = true;
  }

  /** The subtask's watermark: a partition-time commit needs the one each checkpoint's data is complete up to. */
  processWatermark(watermark: number): void {
    this.watermark = watermark;
  }

  preCommit(checkpointId: number): FileSinkTransaction {
    for (const part of [...this.current.values()]) this.roll(part);
    const parts = this.parts;
    this.parts = [];
    // why: the pending names must survive a crash once the checkpoint acknowledges them
    for (const dir of this.directoriesOf(parts)) this.io("sync the output directory", () => syncDirectory(dir));
    const txn = { subtask: this.context.subtaskIndex, parallelism: this.context.parallelism, checkpointId, parts, nextPart: this.nextPart };
    if ((this.partitioning?.committer ?? null) === null) return txn;
    return { ...txn, watermark: Number.isFinite(this.watermark) ? this.watermark : this.watermark > 0 ? Number.MAX_VALUE : null, ended: this.ended };
  }

  commit(transactions: readonly FileSinkTransaction[]): void {
    for (const txn of transactions) {
      for (const part of txn.parts) this.io(`commit part ${part.pending}`, () => commitPart(this.directory, part, this.errorContext));
    }
    for (const dir of this.directoriesOf(transactions.flatMap((t) => t.parts))) this.io("sync the output directory", () => syncDirectory(dir));
    // why after the renames: a partition's success file must never be seen before its data
    const committer = this.partitioning?.committer ?? null;
    if (committer === null) return;
    const checkpoints = transactions.map((t) => ({
      checkpointId: t.checkpointId,
      watermark: t.watermark === null || t.watermark === undefined ? Number.NEGATIVE_INFINITY : t.watermark,
      ended: t.ended === true,
      partitions: [...new Set(t.parts.map((p) => bucketOf(p.committed)))],
    }));
    this.io("commit partitions", () => committer.afterCommit(checkpoints));
  }

  recoverAndCommit(transactions: readonly FileSinkTransaction[]): void {
    this.restored = transactions;
    // why not commit(): partitions of the restored data are recorded, but this run commits none before its own checkpoint
    for (const txn of transactions) {
      for (const part of txn.parts) this.io(`commit part ${part.pending}`, () => commitPart(this.directory, part, this.errorContext));
    }
    for (const dir of this.directoriesOf(transactions.flatMap((t) => t.parts))) this.io("sync the output directory", () => syncDirectory(dir));
    const committer = this.partitioning?.committer ?? null;
    const partitions = [...new Set(transactions.flatMap((t) => t.parts.map((p) => bucketOf(p.committed))))];
    if (committer !== null && partitions.length > 0) this.io("record the partition commit progress", () => committer.restored(partitions));
  }

  /**
   * Removes what failed attempts of this subtask left: in-progress parts (never in a checkpoint)
   * and pending parts no restored transaction names. After a rescale another subtask may hold a
   * handle to this subtask's pending parts, so those are left alone (hidden, never visible).
   */
  recoverAndAbort(keep: readonly FileSinkTransaction[]): void {
    const own = this.context.subtaskIndex;
    const referenced = new Set([...this.restored, ...keep].flatMap((t) => t.parts.map((p) => p.pending)));
    const rescaled = this.restored.some((t) => t.parallelism !== this.context.parallelism);
    const left: string[] = [];
    for (const f of scanParts(this.directory, this.naming, this.partitioning?.depth ?? 0)) {
      if (f.subtask !== own || f.stage === "committed") continue;
      if (f.stage === "inprogress" || (!rescaled && !referenced.has(f.name))) {
        this.io(`remove the leftover part ${f.name}`, () => rmSync(join(this.directory, f.name), { force: true }));
      } else if (!referenced.has(f.name)) left.push(f.name);
    }
    if (left.length > 0) {
      process.emitWarning(
        `file sink '${this.context.operatorName}' subtask ${own}: restored after a change of parallelism, so its pending parts not in this subtask's ` +
          `restored state (${left.join(", ")}) in ${this.directory} are kept: another subtask may commit them. Those still hidden once the job runs ` +
          "came from a failed attempt and can be deleted",
        "EddyWarning",
      );
    }
    const restoredNext = this.restored.filter((t) => t.subtask === own).reduce((max, t) => Math.max(max, t.nextPart), 0);
    this.nextPart = Math.max(restoredNext, this.firstFreeIndex());
  }

  close(): void {
    const parts = [...this.current.values()];
    this.current.clear();
    this.last = null;
    // why: an in-progress part of a failed or cancelled attempt stays hidden; recovery removes it
    for (const part of parts) closeSync(part.fd);
  }

  private shouldRoll(part: OpenPart, ts: number | null): boolean {
    if (part.bytes >= this.policy.maxPartSize) return true;
    const every = this.policy.rollEvery;
    return every !== null && ts !== null && part.firstTimestamp !== null && ts - part.firstTimestamp >= every;
  }

  private open(bucket: string, ts: number | null): OpenPart {
    const index = this.nextPart++;
    const name = inBucket(bucket, inProgressName(this.naming, this.context.subtaskIndex, index));
    if (bucket !== "") this.io(`create the partition directory ${bucket}`, () => mkdirSync(join(this.directory, bucket), { recursive: true }));
    // why: "wx" — an existing file with this name means another writer uses the directory
    const fd = this.io(`create part ${name}`, () => openSync(join(this.directory, name), "wx"));
    const part: OpenPart = { bucket, index, fd, chunk: "", bytes: 0, firstTimestamp: ts };
    if (this.header !== null) {
      part.chunk = this.header;
      part.bytes = Buffer.byteLength(this.header);
    }
    this.current.set(bucket, part);
    return part;
  }

  /** Closes the part durably and renames it pending: it is now part of the open transaction. */
  private roll(part: OpenPart): void {
    const name = inBucket(part.bucket, inProgressName(this.naming, this.context.subtaskIndex, part.index));
    const pending = pendingPartOf(this.naming, this.context.subtaskIndex, part.index, part.bucket);
    this.writeChunk(part);
    this.io(`close part ${name}`, () => {
      fsyncSync(part.fd);
      closeSync(part.fd);
      renameSync(join(this.directory, name), join(this.directory, pending.pending));
    });
    this.current.delete(part.bucket);
    if (this.last === part) this.last = null;
    this.parts.push(pending);
  }

  private writeChunk(part: OpenPart): void {
    if (part.chunk.length === 0) return;
    const bytes = Buffer.from(part.chunk);
    part.chunk = "";
    this.io(`write part ${inBucket(part.bucket, inProgressName(this.naming, this.context.subtaskIndex, part.index))}`, () => {
      let offset = 0;
      while (offset < bytes.length) offset += writeSync(part.fd, bytes, offset, bytes.length - offset);
    });
  }

  private firstFreeIndex(): number {
    const own = this.context.subtaskIndex;
    const parts = this.io(`list ${this.directory}`, () => scanParts(this.directory, this.naming, this.partitioning?.depth ?? 0));
    return parts.reduce((max, p) => (p.subtask === own ? Math.max(max, p.index + 1) : max), 0);
  }

  /** The directories holding `parts`: renames in each must be synced to be durable. */
  private directoriesOf(parts: readonly PendingPart[]): string[] {
    return [...new Set(parts.map((p) => bucketOf(p.committed)))].map((b) => (b === "" ? this.directory : join(this.directory, b)));
  }

  /** File-system errors become external errors naming the file sink, the file and the cause. */
  private io<R>(what: string, action: () => R): R {
    try {
      return action();
    } catch (e) {
      if (e instanceof EddyError) throw e;
      const reason = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
      throw new EddyError("external", `file sink cannot ${what} in ${this.directory}: ${reason} — check the directory exists, is writable and has space`, this.errorContext, { cause: e });
    }
  }
}

/** The partition directory of a part's relative path ("" for a part of an unpartitioned sink). */
function bucketOf(relative: string): string {
  const slash = relative.lastIndexOf("/");
  return slash < 0 ? "" : relative.slice(0, slash);
}
