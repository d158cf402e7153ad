// Checkpoint storage on the local file system: chk-<id>/ per checkpoint, one file per subtask
// state, and a _metadata file written last and atomically — a checkpoint without it never existed.
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync, existsSync } from "node:fs";
import { join } from "node:path";
import { open } from "node:fs/promises";
import type { EncodedOperatorSnapshot } from "./snapshot.js";
import { readSnapshotFile, snapshotFileParts } from "./snapshot-encoding.js";

export interface CheckpointMetadata {
  readonly checkpointId: number;
  readonly jobName: string;
  readonly savepoint: boolean;
  readonly timestamp: number;
  /** State files by task key (`<operator uid>#<subtask>`), relative to the checkpoint directory. */
  readonly files: Readonly<Record<string, string>>;
  /** Parallelism and max parallelism per operator uid, to map state on restore. */
  readonly operators: Readonly<Record<string, { parallelism: number; maxParallelism: number }>>;
  /** CHECKPOINT_FORMAT when written. */
  readonly format: number;
}

/** The layout of state files; 2: one header and per-key-group columnar buffers (snapshot-encoding.ts). */
export const CHECKPOINT_FORMAT = 2;

export interface StateWrite {
  readonly bytes: number;
  /** Resolves once the state is durable; the checkpoint completes only after every write did. */
  readonly done: Promise<void>;
}

export interface CheckpointStorage {
  /**
   * Writes one operator subtask's state (already encoded, see snapshot-encoding.ts) in the
   * background, while records keep flowing.
   */
  writeState(checkpointId: number, taskKey: string, state: EncodedOperatorSnapshot): StateWrite;
  /** Makes the checkpoint durable and visible: the last step of completion. */
  commit(metadata: CheckpointMetadata): void;
  /** The newest completed checkpoint (or null). */
  latest(): CheckpointMetadata | null;
  readMetadata(checkpointId: number): CheckpointMetadata | null;
  readState(checkpointId: number, taskKey: string): EncodedOperatorSnapshot;
  /** Deletes a checkpoint that will never complete. */
  discard(checkpointId: number): void;
  /** Keeps the newest `retained` completed checkpoints (savepoints are never deleted). */
  retain(retained: number): void;
}

export class FsCheckpointStorage implements CheckpointStorage {
  constructor(readonly directory: string) {
    mkdirSync(directory, { recursive: true });
  }

  private dir(id: number): string {
    return join(this.directory, `chk-${id}`);
  }

  writeState(checkpointId: number, taskKey: string, state: EncodedOperatorSnapshot): StateWrite {
    const dir = this.dir(checkpointId);
    mkdirSync(dir, { recursive: true });
    const parts = snapshotFileParts(state);
    return { bytes: byteLength(parts), done: writeDurablyAsync(join(dir, fileNameOf(taskKey)), parts) };
  }

  commit(metadata: CheckpointMetadata): void {
    const dir = this.dir(metadata.checkpointId);
    mkdirSync(dir, { recursive: true });
    // 1. write to a temporary name and fsync; 2. rename over _metadata; 3. fsync the directory
    const tmp = join(dir, "_metadata.tmp");
    writeDurably(tmp, Buffer.from(JSON.stringify(metadata)));
    renameSync(tmp, join(dir, "_metadata"));
    syncDirectory(dir);
    syncDirectory(this.directory);
  }

  latest(): CheckpointMetadata | null {
    const ids = this.completedIds();
    return ids.length === 0 ? null : this.readMetadata(ids[ids.length - 1]!);
  }

  readMetadata(checkpointId: number): CheckpointMetadata | null {
    const file = join(this.dir(checkpointId), "_metadata");
    if (!existsSync(file)) return null;
    return JSON.parse(readFileSync(file, "utf8")) as CheckpointMetadata;
  }

  readState(checkpointId: number, taskKey: string): EncodedOperatorSnapshot {
    return readSnapshotFile(readFileSync(join(this.dir(checkpointId), fileNameOf(taskKey))));
  }

  discard(checkpointId: number): void {
    rmSync(this.dir(checkpointId), { recursive: true, force: true });
  }

  retain(retained: number): void {
    const ids = this.completedIds().filter((id) => !this.readMetadata(id)?.savepoint);
    for (const id of ids.slice(0, Math.max(0, ids.length - retained))) this.discard(id);
    // why: directories without _metadata are checkpoints that never completed (e.g. a crash mid-write)
    const latest = this.completedIds().at(-1) ?? 0;
    for (const id of this.allIds()) if (id < latest && this.readMetadata(id) === null) this.discard(id);
  }

  private allIds(): number[] {
    return readdirSync(this.directory)
      .map((name) => /^chk-(\d+)$/.exec(name))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => Number(m[1]))
      .sort((a, b) => a - b);
  }

  private completedIds(): number[] {
    return this.allIds().filter((id) => existsSync(join(this.dir(id), "_metadata")));
  }
}

/** Keeps checkpoints in memory (tests, and jobs that only need recovery within the process). */
export class MemoryCheckpointStorage implements CheckpointStorage {
  private readonly states = new Map<number, Map<string, Uint8Array[]>>();
  private readonly metadata = new Map<number, CheckpointMetadata>();

  writeState(checkpointId: number, taskKey: string, state: EncodedOperatorSnapshot): StateWrite {
    // why: encoding the header here gives the same isolation as a file (key groups are encoded already)
    const parts = snapshotFileParts(state);
    let files = this.states.get(checkpointId);
    if (files === undefined) this.states.set(checkpointId, (files = new Map()));
    files.set(taskKey, parts);
    return { bytes: byteLength(parts), done: Promise.resolve() };
  }
  commit(metadata: CheckpointMetadata): void {
    this.metadata.set(metadata.checkpointId, metadata);
  }
  latest(): CheckpointMetadata | null {
    const ids = [...this.metadata.keys()].sort((a, b) => a - b);
    return ids.length === 0 ? null : this.metadata.get(ids[ids.length - 1]!)!;
  }
  readMetadata(checkpointId: number): CheckpointMetadata | null {
    return this.metadata.get(checkpointId) ?? null;
  }
  readState(checkpointId: number, taskKey: string): EncodedOperatorSnapshot {
    const parts = this.states.get(checkpointId)?.get(taskKey);
    if (parts === undefined) throw new Error(`checkpoint ${checkpointId} has no state for ${taskKey}`);
    return readSnapshotFile(Buffer.concat(parts));
  }
  discard(checkpointId: number): void {
    this.states.delete(checkpointId);
    this.metadata.delete(checkpointId);
  }
  retain(retained: number): void {
    const ids = [...this.metadata.values()].filter((m) => !m.savepoint).map((m) => m.checkpointId).sort((a, b) => a - b);
    for (const id of ids.slice(0, Math.max(0, ids.length - retained))) this.discard(id);
    const latest = this.latest()?.checkpointId ?? 0;
    for (const id of [...this.states.keys()]) if (id < latest && !this.metadata.has(id)) this.states.delete(id);
  }
}

function fileNameOf(taskKey: string): string {
  return `${taskKey.replace(/[^A-Za-z0-9._-]/g, "_")}.state`;
}

function writeDurably(path: string, bytes: Uint8Array): void {
  const fd = openSync(path, "w");
  try {
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function byteLength(parts: readonly Uint8Array[]): number {
  let n = 0;
  for (const p of parts) n += p.length;
  return n;
}

async function writeDurablyAsync(path: string, parts: Uint8Array[]): Promise<void> {
  const handle = await open(path, "w");
  try {
    // why: writev may write less than asked; go on from where it stopped
    let remaining = parts;
    while (remaining.length > 0) {
      const { bytesWritten } = await handle.writev(remaining);
      remaining = skipBytes(remaining, bytesWritten);
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function skipBytes(parts: Uint8Array[], n: number): Uint8Array[] {
  let i = 0;
  while (i < parts.length && n >= parts[i]!.length) n -= parts[i++]!.length;
  if (i === parts.length) return [];
  return [parts[i]!.subarray(n), ...parts.slice(i + 1)];
}

function syncDirectory(dir: string): void {
  const fd = openSync(dir, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
