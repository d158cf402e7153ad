// Names and lifecycle of a file sink's part files: in-progress → pending → committed (visible).
import { closeSync, existsSync, fsyncSync, openSync, readdirSync, renameSync } from "node:fs";
import { join } from "node:path";
import { EddyError, type ErrorContext } from "../../core/errors.js";

/** How part files are named: `<prefix>-<subtask>-<n><suffix>` when committed, hidden before. */
export interface PartNaming {
  readonly prefix: string;
  readonly suffix: string;
}

export type PartStage = "inprogress" | "pending" | "committed";

/** A pending part as stored in a transaction handle: plain data, names relative to the directory. */
export interface PendingPart {
  readonly pending: string;
  readonly committed: string;
}

export interface PartFile {
  /** Relative to the sink's directory (with the partition directories of a partitioned sink). */
  readonly name: string;
  readonly subtask: number;
  readonly index: number;
  readonly stage: PartStage;
}

export function inProgressName(naming: PartNaming, subtask: number, index: number): string {
  return `.${naming.prefix}-${subtask}-${index}.inprogress`;
}

export function pendingPartOf(naming: PartNaming, subtask: number, index: number, bucket = ""): PendingPart {
  return { pending: inBucket(bucket, `.${naming.prefix}-${subtask}-${index}.pending`), committed: inBucket(bucket, `${naming.prefix}-${subtask}-${index}${naming.suffix}`) };
}

/** Parses a name of this naming scheme; null for any other file. */
export function parsePartName(naming: PartNaming, name: string): PartFile | null {
  const hidden = name.startsWith(".");
  const body = hidden ? name.slice(1) : name;
  if (!body.startsWith(`${naming.prefix}-`)) return null;
  let rest = body.slice(naming.prefix.length + 1);
  let stage: PartStage;
  if (hidden && rest.endsWith(".inprogress")) {
    stage = "inprogress";
    rest = rest.slice(0, -".inprogress".length);
  } else if (hidden && rest.endsWith(".pending")) {
    stage = "pending";
    rest = rest.slice(0, -".pending".length);
  } else if (!hidden && rest.endsWith(naming.suffix)) {
    stage = "committed";
    rest = rest.slice(0, rest.length - naming.suffix.length);
  } else return null;
  const m = /^(\d+)-(\d+)$/.exec(rest);
  if (m === null) return null;
  return { name, subtask: Number(m[1]), index: Number(m[2]), stage };
}

/**
 * Every part file of this naming scheme in `directory`, in any stage; with `depth` > 0 those in the partition
 * directories that many levels below it (`dt=…/hm=…`), named by their path relative to `directory`.
 */
export function scanParts(directory: string, naming: PartNaming, depth = 0): PartFile[] {
  const parts: PartFile[] = [];
  const visit = (relative: string, level: number) => {
    const path = relative === "" ? directory : join(directory, relative);
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      if (level < depth) {
        // why: partition directories are `key=value`; hidden and other directories are not the sink's
        if (entry.isDirectory() && !entry.name.startsWith(".") && entry.name.includes("=")) visit(inBucket(relative, entry.name), level + 1);
        continue;
      }
      const p = parsePartName(naming, entry.name);
      if (p !== null) parts.push({ ...p, name: inBucket(relative, entry.name) });
    }
  };
  visit("", 0);
  return parts;
}

/** `name` inside the partition directory `bucket` ("" for the sink's own directory), as a relative path. */
export function inBucket(bucket: string, name: string): string {
  return bucket === "" ? name : `${bucket}/${name}`;
}

/**
 * The committed part files — what a reader of the directory may consume — ordered by subtask and
 * part index, so concatenating them gives each subtask's output in the order it was written (part indexes are
 * per subtask across partitions).
 */
export function listCommittedParts(directory: string, naming: PartNaming, depth = 0): string[] {
  return scanParts(directory, naming, depth)
    .filter((p) => p.stage === "committed")
    .sort((a, b) => a.subtask - b.subtask || a.index - b.index)
    .map((p) => join(directory, p.name));
}

/**
 * Makes a pending part visible. Idempotent: a part already committed (a commit repeated after a
 * crash) is fine. A part in neither stage was removed by someone else: its records are lost.
 */
export function commitPart(directory: string, part: PendingPart, context: ErrorContext): void {
  const pending = join(directory, part.pending);
  const committed = join(directory, part.committed);
  if (existsSync(pending)) {
    // why: rename replaces silently on POSIX; a committed file is never overwritten
    if (existsSync(committed)) {
      throw new EddyError("internal", `cannot commit part '${part.pending}': '${part.committed}' already exists in ${directory}`, context, { retriable: false });
    }
    renameSync(pending, committed);
    return;
  }
  if (existsSync(committed)) return;
  throw new EddyError(
    "external",
    `part file '${part.pending}' of a completed checkpoint is missing from ${directory} (neither pending nor committed as '${part.committed}'): ` +
      "its records are lost; was the directory cleaned or changed by another process while the job ran?",
    context,
    { retriable: false },
  );
}

/** Makes renames and creations in `directory` durable (POSIX needs an fsync of the directory itself). */
export function syncDirectory(directory: string): void {
  const fd = openSync(directory, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
