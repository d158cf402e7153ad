// Partitioners: which downstream channel(s) a record goes to on a non-chained edge.
import { type Key, keyGroupOf, normalizeKey, subtaskForKeyGroup } from "../core/key-groups.js";

export type PartitionerKind = "forward" | "rebalance" | "rescale" | "shuffle" | "broadcast" | "hash" | "global";

/** The user-level description of a partitioning, stored on the graph. */
export interface PartitionerSpec {
  readonly kind: PartitionerKind;
  /** For "hash": the key selector of the KeyedStream. */
  readonly keySelector?: (value: any) => Key;
}

/** Whether each upstream subtask connects to every downstream subtask or to a local few. */
export function isPointwise(kind: PartitionerKind): boolean {
  return kind === "forward" || kind === "rescale";
}

/** Picks the channel of one record; -1 means every channel (broadcast). */
export interface ChannelSelector {
  select(value: unknown): number;
}

export function createChannelSelector(
  spec: PartitionerSpec,
  channels: number,
  maxParallelism: number,
  subtaskIndex: number,
  seed: number,
): ChannelSelector {
  switch (spec.kind) {
    case "forward":
    case "global":
      return { select: () => 0 };
    case "broadcast":
      return { select: () => -1 };
    case "rebalance":
    case "rescale": {
      // why: starting at the subtask index spreads the first records of parallel upstreams
      let next = subtaskIndex % channels;
      return {
        select: () => {
          const c = next;
          next = next + 1 === channels ? 0 : next + 1;
          return c;
        },
      };
    }
    case "shuffle": {
      let state = (seed ^ Math.imul(subtaskIndex + 1, 0x9e3779b1)) | 0 || 1;
      return {
        select: () => {
          // xorshift32: deterministic given the job seed, so runs are reproducible
          state ^= state << 13;
          state ^= state >>> 17;
          state ^= state << 5;
          return (state >>> 0) % channels;
        },
      };
    }
    case "hash": {
      const keyOf = spec.keySelector!;
      return {
        select: (value) => subtaskForKeyGroup(keyGroupOf(normalizeKey(keyOf(value)), maxParallelism), channels, maxParallelism),
      };
    }
  }
}
