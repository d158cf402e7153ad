// Maps the state of a completed checkpoint or savepoint onto the subtasks of a (possibly changed)
// job: operators matched by uid, key groups to the subtask that owns them now, operator state split.
import { EddyError } from "../core/errors.js";
import { keyGroupRangeOf } from "../core/key-groups.js";
import { CHECKPOINT_FORMAT, type CheckpointMetadata, type CheckpointStorage } from "./checkpoint-storage.js";
import type { EncodedOperatorSnapshot, KeyGroupSnapshot, OperatorRestore } from "./snapshot.js";
import { decodeKeyGroup } from "./snapshot-encoding.js";

export interface OperatorTarget {
  readonly uid: string;
  readonly name: string;
  readonly parallelism: number;
  readonly maxParallelism: number;
}

/** restore(uid, subtask) → what that subtask starts from (null: nothing stored for it). */
export type RestoreLookup = (uid: string, subtask: number) => OperatorRestore | null;

/**
 * What one operator subtask starts from, still encoded: plain data that crosses to the worker running the subtask,
 * which decodes it there (decodeRestore).
 */
export interface EncodedRestore {
  /** The encoded key groups the subtask owns now. */
  readonly keyGroups: Readonly<Record<number, Uint8Array>>;
  readonly operatorState: readonly unknown[];
  readonly previousParallelism: number;
}

/** restore(uid, subtask) → the encoded state that subtask starts from (null: nothing stored for it). */
export type EncodedRestoreLookup = (uid: string, subtask: number) => EncodedRestore | null;

export function decodeRestore(encoded: EncodedRestore): OperatorRestore {
  const keyGroups = new Map<number, KeyGroupSnapshot>();
  for (const [kg, group] of Object.entries(encoded.keyGroups)) keyGroups.set(Number(kg), decodeKeyGroup(group));
  return { keyGroups, operatorState: [...encoded.operatorState], previousParallelism: encoded.previousParallelism };
}

export function assignState(
  storage: CheckpointStorage,
  metadata: CheckpointMetadata,
  targets: readonly OperatorTarget[],
  allowNonRestoredState: boolean,
): RestoreLookup {
  const encoded = assignEncodedState(storage, metadata, targets, allowNonRestoredState);
  return (uid, subtask) => {
    const e = encoded(uid, subtask);
    return e === null ? null : decodeRestore(e);
  };
}

export function assignEncodedState(
  storage: CheckpointStorage,
  metadata: CheckpointMetadata,
  targets: readonly OperatorTarget[],
  allowNonRestoredState: boolean,
): EncodedRestoreLookup {
  if (metadata.format !== CHECKPOINT_FORMAT) {
    throw new EddyError(
      "user",
      `${metadata.savepoint ? "savepoint" : "checkpoint"} ${metadata.checkpointId} has state format ${metadata.format}; this version of Eddy reads format ${CHECKPOINT_FORMAT}: start the job without it, or restore it with the version that wrote it`,
      { checkpointId: metadata.checkpointId },
      { retriable: false },
    );
  }
  const byUid = new Map(targets.map((t) => [t.uid, t]));
  const stored = new Map<string, EncodedOperatorSnapshot[]>();
  for (const taskKey of Object.keys(metadata.files)) {
    const uid = taskKey.slice(0, taskKey.lastIndexOf("#"));
    if (!byUid.has(uid)) {
      if (allowNonRestoredState) continue;
      throw new EddyError(
        "user",
        `${metadata.savepoint ? "savepoint" : "checkpoint"} ${metadata.checkpointId} holds state of operator '${uid}', which is not in the job: give the operator its old uid(...), or allow non-restored state`,
        { checkpointId: metadata.checkpointId },
        { retriable: false },
      );
    }
    const list = stored.get(uid) ?? [];
    list.push(storage.readState(metadata.checkpointId, taskKey));
    stored.set(uid, list);
  }

  const plans = new Map<string, { keyGroups: Map<number, Uint8Array>; shares: unknown[][]; previousParallelism: number }>();
  for (const [uid, snapshots] of stored) {
    const target = byUid.get(uid)!;
    const previous = metadata.operators[uid];
    if (previous !== undefined && previous.maxParallelism !== target.maxParallelism && snapshots.some((s) => s.encodedKeyGroups !== undefined)) {
      throw new EddyError(
        "user",
        `operator '${target.name}' (uid ${uid}) had max parallelism ${previous.maxParallelism} and now has ${target.maxParallelism}: keyed state cannot be remapped; keep setMaxParallelism(${previous.maxParallelism})`,
        { checkpointId: metadata.checkpointId },
        { retriable: false },
      );
    }
    const keyGroups = new Map<number, Uint8Array>();
    for (const s of snapshots) for (const [kg, group] of Object.entries(s.encodedKeyGroups ?? {})) keyGroups.set(Number(kg), group);
    const previousParallelism = previous?.parallelism ?? snapshots.length;
    const ordered = [...snapshots].sort((a, b) => a.subtask - b.subtask);
    let shares: unknown[][];
    if (previousParallelism === target.parallelism) shares = ordered.map((s) => s.operatorState ?? []);
    else {
      // why: Flink's even-split redistribution of operator list state
      shares = Array.from({ length: target.parallelism }, () => []);
      let i = 0;
      for (const s of ordered) for (const item of s.operatorState ?? []) shares[i++ % target.parallelism]!.push(item);
    }
    plans.set(uid, { keyGroups, shares, previousParallelism });
  }

  return (uid, subtask) => {
    const plan = plans.get(uid);
    const target = byUid.get(uid);
    if (plan === undefined || target === undefined) return null;
    const range = keyGroupRangeOf(subtask, target.parallelism, target.maxParallelism);
    const mine: Record<number, Uint8Array> = {};
    for (let kg = range.start; kg <= range.end; kg++) {
      // why: each subtask decodes only the key groups it owns now
      const g = plan.keyGroups.get(kg);
      if (g !== undefined) mine[kg] = g;
    }
    return { keyGroups: mine, operatorState: plan.shares[subtask] ?? [], previousParallelism: plan.previousParallelism };
  };
}
