// The heap keyed state backend of one operator subtask: the current key, and its states by name.
import type { KeyGroupSnapshot } from "../checkpoint/snapshot.js";
import { denormalizeKey, type Key, type NormalizedKey, normalizeKey } from "../core/key-groups.js";
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
import { KeyedStateSnapshot, type RestoredColumns } from "./keyed-state-snapshot.js";

export class HeapKeyedStateBackend implements KeyContext {
  currentKey: Key = undefined;
  currentNormalizedKey: NormalizedKey = undefined;
  private readonly states = new Map<string, { descriptor: StateDescriptor; state: HeapState<unknown> }>();
  /** Restored columns of states not registered yet (operators register state in open, after restore). */
  private readonly pendingRestore = new Map<string, RestoredColumns[]>();

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
    state.copier = descriptor.copy;
    this.states.set(descriptor.name, { descriptor, state });
    // why: state registered after a restore (in open) picks up the restored entries
    const pending = this.pendingRestore.get(descriptor.name);
    if (pending !== undefined) {
      this.pendingRestore.delete(descriptor.name);
      for (const columns of pending) load(state, columns);
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
  forEachKey(name: string, namespace: unknown, fn: (key: Key, normalized: NormalizedKey) => void): void {
    const entry = this.states.get(name);
    if (entry === undefined) return;
    for (const key of entry.state.table.keysIn(namespace)) fn(denormalizeKey(key), key);
  }

  /**
   * Begins a copy-on-write snapshot of all keyed state (O(number of states)); the result is
   * written in steps (KeyedStateSnapshot.step) while records keep flowing.
   */
  beginSnapshot(encodeNamespace: (ns: unknown) => unknown, timerGroups: Record<number, KeyGroupSnapshot> = {}): KeyedStateSnapshot {
    const states = [...this.states].map(([name, { state }]) => ({ name, state, frozen: state.table.beginSnapshot() }));
    return new KeyedStateSnapshot(states, [...this.pendingRestore], this.maxParallelism, encodeNamespace, timerGroups);
  }

  /**
   * All keyed state grouped by key group, namespaces encoded, values as checkpoint data, in
   * columns (see StateColumns), in one go. Values are not copied: serialise the result before
   * any further record is processed.
   */
  snapshot(encodeNamespace: (ns: unknown) => unknown): Record<number, KeyGroupSnapshot> {
    return this.beginSnapshot(encodeNamespace).collectAll();
  }

  /** Loads the given key groups (those this subtask owns now). */
  restore(groups: ReadonlyMap<number, KeyGroupSnapshot>, decodeNamespace: (encoded: unknown) => unknown): void {
    for (const group of groups.values()) {
      for (const [name, c] of Object.entries(group.states)) {
        const columns: RestoredColumns = { namespaces: c.namespaces.map(decodeNamespace), nsIndex: c.nsIndex, keys: c.keys as NormalizedKey[], values: c.values };
        const registered = this.states.get(name);
        if (registered !== undefined) load(registered.state, columns);
        else {
          let list = this.pendingRestore.get(name);
          if (list === undefined) this.pendingRestore.set(name, (list = []));
          list.push(columns);
        }
      }
    }
  }
}

/** Loads restored columns into a state in bulk (restore time dominates recovery). */
function load(state: HeapState<unknown>, c: RestoredColumns): void {
  state.table.load(c.namespaces, c.nsIndex, c.keys, c.values, state.restoresAsIs() ? null : (data) => state.restoreValue(data));
}
