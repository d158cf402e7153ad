// The heap keyed state backend of one operator subtask: the current key, and its states by name.
import { type Key, type NormalizedKey, normalizeKey } from "../core/key-groups.js";
import type { StateDescriptor } from "./descriptors.js";
import {
  HeapAggregatingState,
  HeapListState,
  HeapMapState,
  HeapReducingState,
  type HeapState,
  HeapValueState,
  type KeyContext,
} from "./heap-states.js";

export class HeapKeyedStateBackend implements KeyContext {
  currentKey: Key = undefined;
  currentNormalizedKey: NormalizedKey = undefined;
  private readonly states = new Map<string, { descriptor: StateDescriptor; state: HeapState<unknown> }>();

  constructor(
    readonly maxParallelism: number,
    private readonly clock: () => number,
  ) {}

  now(): number {
    return this.clock();
  }

  setCurrentKey(key: Key): void {
    this.currentKey = key;
    this.currentNormalizedKey = normalizeKey(key);
  }

  /** Sets an already-normalized key (the operator computed it for partitioning or timers). */
  setCurrentKeyNormalized(key: Key, normalized: NormalizedKey): void {
    this.currentKey = key;
    this.currentNormalizedKey = normalized;
  }

  /** Returns the state for a descriptor; the same name always gives the same state object. */
  getOrCreateState(descriptor: StateDescriptor): HeapState<unknown> {
    const existing = this.states.get(descriptor.name);
    if (existing !== undefined) {
      if (existing.descriptor.kind !== descriptor.kind) {
        throw new Error(`state '${descriptor.name}' was registered as ${existing.descriptor.kind} state and is now requested as ${descriptor.kind} state; use distinct names`);
      }
      return existing.state;
    }
    const state = this.create(descriptor);
    this.states.set(descriptor.name, { descriptor, state });
    return state;
  }

  private create(d: StateDescriptor): HeapState<unknown> {
    switch (d.kind) {
      case "value":
        return new HeapValueState(d.name, this, d.ttl, d.defaultValue);
      case "list":
        return new HeapListState(d.name, this, d.ttl);
      case "map":
        return new HeapMapState(d.name, this, d.ttl);
      case "reducing":
        return new HeapReducingState(d.name, this, d.ttl, d.reduceFunction);
      case "aggregating":
        return new HeapAggregatingState(d.name, this, d.ttl, d.aggregateFunction);
    }
  }

  /** Names and entry counts of all states (metrics, tests). */
  stateSizes(): Record<string, number> {
    const sizes: Record<string, number> = {};
    for (const [name, { state }] of this.states) sizes[name] = state.table.size;
    return sizes;
  }

  /** Applies `fn` to every key that has state `name` in the given namespace (Flink's applyToAllKeys). */
  forEachKey(name: string, namespace: unknown, fn: (key: NormalizedKey) => void): void {
    const entry = this.states.get(name);
    if (entry === undefined) return;
    for (const key of [...entry.state.table.keysOf(namespace)]) fn(key);
  }
}
