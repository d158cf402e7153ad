// The heap keyed state backend of one operator subtask: the current key, and its states by name.
import type { KeyGroupSnapshot } from "../checkpoint/snapshot.js";
import { type Key, keyGroupOf, type NormalizedKey, normalizeKey } from "../core/key-groups.js";
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
  /** Restored entries of states not registered yet (operators register state in open, after restore). */
  private readonly pendingRestore = new Map<string, [unknown, unknown, unknown][]>();

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
    state.serializer = descriptor.serializer;
    this.states.set(descriptor.name, { descriptor, state });
    // why: state registered after a restore (in open) picks up the restored entries
    const pending = this.pendingRestore.get(descriptor.name);
    if (pending !== undefined) {
      this.pendingRestore.delete(descriptor.name);
      for (const [ns, key, data] of pending) state.table.mapFor(ns).set(key as NormalizedKey, state.restoreValue(data));
    }
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

  /**
   * All keyed state grouped by key group, namespaces encoded, values as checkpoint data.
   * Cost: O(entries). Values are not copied here: the caller serialises the result before any
   * further record is processed, which is what makes the snapshot consistent.
   */
  snapshot(encodeNamespace: (ns: unknown) => unknown): Record<number, KeyGroupSnapshot> {
    const groups: Record<number, KeyGroupSnapshot> = {};
    const groupOf = (kg: number): KeyGroupSnapshot => (groups[kg] ??= { states: {}, eventTimers: [], processingTimers: [] });
    for (const [name, { state }] of this.states) {
      for (const [ns, map] of state.table.byNamespace) {
        const encoded = encodeNamespace(ns);
        for (const [key, raw] of map) {
          const g = groupOf(keyGroupOf(key, this.maxParallelism));
          (g.states[name] ??= []).push([encoded, key, state.snapshotValue(raw)]);
        }
      }
    }
    // why: restored but never re-registered state must survive the next checkpoint too
    for (const [name, entries] of this.pendingRestore) {
      for (const [ns, key, data] of entries) (groupOf(keyGroupOf(key as NormalizedKey, this.maxParallelism)).states[name] ??= []).push([encodeNamespace(ns), key, data]);
    }
    return groups;
  }

  /** Loads the given key groups (those this subtask owns now). */
  restore(groups: ReadonlyMap<number, KeyGroupSnapshot>, decodeNamespace: (encoded: unknown) => unknown): void {
    for (const group of groups.values()) {
      for (const [name, entries] of Object.entries(group.states)) {
        const registered = this.states.get(name);
        for (const [ns, key, data] of entries) {
          if (registered !== undefined) registered.state.table.mapFor(decodeNamespace(ns)).set(key as NormalizedKey, registered.state.restoreValue(data));
          else {
            let list = this.pendingRestore.get(name);
            if (list === undefined) this.pendingRestore.set(name, (list = []));
            list.push([decodeNamespace(ns), key, data]);
          }
        }
      }
    }
  }
}
