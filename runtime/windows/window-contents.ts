// The contents of a window per key: an aggregate accumulator, a reduced value, or an element list,
// in one keyed state whose namespace is the window.
import type { NormalizedKey } from "../core/key-groups.js";
import { AggregatingStateDescriptor, type AggregateFunction, ListStateDescriptor, ReducingStateDescriptor } from "../state/descriptors.js";
import type { HeapState } from "../state/heap-states.js";
import type { HeapKeyedStateBackend } from "../state/keyed-state-backend.js";

export type WindowStateSpec<IN> =
  | { readonly kind: "aggregating"; readonly fn: AggregateFunction<IN, any, any> }
  | { readonly kind: "reducing"; readonly fn: (a: IN, b: IN) => IN }
  | { readonly kind: "list" };

type MergingHeapState = HeapState<unknown> & { mergeNamespaces(target: unknown, sources: readonly unknown[]): void };

/**
 * Reads and writes the state table directly — on `add` one get and one set (the table caches the
 * namespace), copy-on-write during snapshots as every state access — and reports whether the window was empty for the key, which lets the operator register its
 * timers once per key and window instead of once per record. Window states never have TTL, so
 * the table holds the values themselves; merging goes through the state's own mergeNamespaces.
 */
export abstract class WindowContents<IN, C> {
  protected namespace: unknown = undefined;

  constructor(readonly state: MergingHeapState) {}

  /** The windows that have contents for some key. */
  windows(): unknown[] {
    return this.state.table.namespaces();
  }

  /** The contents of every key in `window`, in the order the keys entered it. */
  entriesOf(window: unknown): [NormalizedKey, C][] {
    return this.state.table.entriesIn(window) as [NormalizedKey, C][];
  }

  /** Makes `window` the namespace of get/replace/clear. */
  setNamespace(window: unknown): void {
    this.namespace = window;
  }

  /** Adds to the contents of (`key`, `window`) and makes `window` current; true when they were empty. */
  abstract add(window: unknown, key: NormalizedKey, value: IN, timestamp: number): boolean;

  /** The contents of `key` in the current window, or undefined when it is empty. */
  get(key: NormalizedKey): C | undefined {
    return this.state.table.get(this.namespace, key) as C | undefined;
  }

  /** Replaces the contents (evictors); `empty` clears them. */
  replace(key: NormalizedKey, contents: C, empty: boolean): void {
    if (empty) this.state.table.remove(this.namespace, key);
    else this.state.table.set(this.namespace, key, contents);
  }

  clear(key: NormalizedKey): void {
    this.state.table.remove(this.namespace, key);
  }

  /** Merges the contents of the current key in `sources` into `target` (merging windows). */
  mergeNamespaces(target: unknown, sources: readonly unknown[]): void {
    this.state.mergeNamespaces(target, sources);
  }
}

class AggregatingContents<IN, ACC> extends WindowContents<IN, ACC> {
  constructor(state: MergingHeapState, private readonly fn: AggregateFunction<IN, ACC, unknown>) {
    super(state);
  }
  add(window: unknown, key: NormalizedKey, value: IN): boolean {
    this.namespace = window;
    const table = this.state.table;
    const acc = table.get(window, key) as ACC | undefined;
    table.set(window, key, this.fn.add(value, acc === undefined ? this.fn.createAccumulator() : acc));
    return acc === undefined;
  }
}

class ReducingContents<IN> extends WindowContents<IN, IN> {
  constructor(state: MergingHeapState, private readonly reduce: (a: IN, b: IN) => IN) {
    super(state);
  }
  add(window: unknown, key: NormalizedKey, value: IN): boolean {
    this.namespace = window;
    const table = this.state.table;
    const current = table.get(window, key) as IN | undefined;
    table.set(window, key, current === undefined ? value : this.reduce(current, value));
    return current === undefined;
  }
}

class ListContents<IN> extends WindowContents<IN, IN[]> {
  add(window: unknown, key: NormalizedKey, value: IN): boolean {
    this.namespace = window;
    const table = this.state.table;
    const list = table.get(window, key) as IN[] | undefined;
    if (list === undefined) table.set(window, key, [value]);
    else list.push(value);
    return list === undefined;
  }
}

/** For evictors: elements with their timestamps, since TimeEvictor needs them. */
class TimestampedListContents<IN> extends WindowContents<IN, { value: IN; timestamp: number }[]> {
  add(window: unknown, key: NormalizedKey, value: IN, timestamp: number): boolean {
    this.namespace = window;
    const table = this.state.table;
    const list = table.get(window, key) as { value: IN; timestamp: number }[] | undefined;
    if (list === undefined) table.set(window, key, [{ value, timestamp }]);
    else list.push({ value, timestamp });
    return list === undefined;
  }
}

export const WINDOW_CONTENTS_STATE = "window-contents";

export function createWindowContents<IN>(backend: HeapKeyedStateBackend, spec: WindowStateSpec<IN>, withTimestamps: boolean): WindowContents<IN, any> {
  switch (spec.kind) {
    case "aggregating":
      return new AggregatingContents(backend.getOrCreateState(new AggregatingStateDescriptor(WINDOW_CONTENTS_STATE, spec.fn)) as MergingHeapState, spec.fn);
    case "reducing":
      return new ReducingContents(backend.getOrCreateState(new ReducingStateDescriptor(WINDOW_CONTENTS_STATE, spec.fn)) as MergingHeapState, spec.fn);
    case "list": {
      const state = backend.getOrCreateState(new ListStateDescriptor(WINDOW_CONTENTS_STATE)) as MergingHeapState;
      return withTimestamps ? new TimestampedListContents<IN>(state) : new ListContents<IN>(state);
    }
  }
}
