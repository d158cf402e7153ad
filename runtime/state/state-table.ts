// Storage of one keyed state: namespace → key → value, with copy-on-write snapshots.
// Costs: get/set/remove O(1) expected; starting a snapshot O(1); ending it O(entries changed meanwhile).
import type { NormalizedKey } from "../core/key-groups.js";

/** The namespace of state that is not scoped to a window. */
export const VOID_NAMESPACE: unknown = Object.freeze({ toString: () => "VoidNamespace" });

/** A value removed since the snapshot began. */
const REMOVED: unique symbol = Symbol("removed");
/** No namespace is cached. */
const NO_NAMESPACE: unique symbol = Symbol("no namespace");

/** The changes to one namespace since a snapshot began. */
interface NamespaceDelta<V> {
  /** Keys the snapshot holds: their current value (a private copy when it is an object), or REMOVED. */
  readonly changed: Map<NormalizedKey, V | typeof REMOVED>;
  /** Keys inserted since (new ones, or ones removed and inserted again), in insertion order. */
  readonly added: Map<NormalizedKey, V>;
}

/** What a snapshot reads: the table as it was at the barrier. Nothing changes it until the snapshot ends. */
export type FrozenTable<V> = ReadonlyMap<unknown, ReadonlyMap<NormalizedKey, V>>;

/**
 * Namespace-major so that an operator that works on one namespace for many records (windows) or
 * on the void namespace (keyed process functions) pays one Map lookup per access (the last
 * namespace is cached). Namespaces are compared by identity: use primitives or interned objects.
 *
 * Copy-on-write (as Flink's CopyOnWriteStateMap, at entry granularity): `beginSnapshot` freezes
 * the table as it is and hands it to the snapshot writer, which reads it in the background while
 * records keep flowing. From then on every change goes to a delta layered over it, and an object
 * value is copied into the delta the first time it is read (the caller may change it in place:
 * list pushes, accumulators), so the frozen table never changes. `endSnapshot` folds the delta
 * back in — the only synchronous cost is proportional to what changed. Iteration order is kept
 * exactly as if there had been no snapshot, so outputs do not depend on checkpoint timing.
 */
export class StateTable<V> {
  private readonly base = new Map<unknown, Map<NormalizedKey, V>>();
  private delta: Map<unknown, NamespaceDelta<V>> | null = null;
  private cachedNamespace: unknown = NO_NAMESPACE;
  private cachedMap: Map<NormalizedKey, V> | undefined = undefined;

  /** @param copy makes a private copy of an object value (see StateDescriptor.withCopy). */
  constructor(private readonly copy: (value: V) => V) {}

  get(namespace: unknown, key: NormalizedKey): V | undefined {
    if (this.delta === null) return this.baseMap(namespace)?.get(key);
    return this.getDuringSnapshot(namespace, key);
  }

  /**
   * The value without a private copy during a snapshot: the caller only reads it and must not
   * change it (probing the other side of a join, metrics).
   */
  peek(namespace: unknown, key: NormalizedKey): V | undefined {
    const d = this.delta?.get(namespace);
    const changed = d === undefined ? undefined : deltaValue(d, key);
    if (changed !== undefined) return changed === REMOVED ? undefined : changed;
    return this.baseMap(namespace)?.get(key);
  }

  set(namespace: unknown, key: NormalizedKey, value: V): void {
    if (this.delta === null) {
      let map = this.baseMap(namespace);
      if (map === undefined) {
        map = new Map();
        this.base.set(namespace, map);
        this.cachedMap = map;
      }
      map.set(key, value);
      return;
    }
    const d = this.deltaFor(namespace);
    if (d.added.has(key)) d.added.set(key, value);
    else if (d.changed.get(key) !== REMOVED && this.baseMap(namespace)?.has(key) === true) d.changed.set(key, value);
    else d.added.set(key, value); // why: new, or removed and inserted again — it moves to the end, as in a Map
  }

  remove(namespace: unknown, key: NormalizedKey): void {
    if (this.delta === null) {
      const map = this.baseMap(namespace);
      if (map === undefined) return;
      map.delete(key);
      // why: windows come and go; an empty namespace map left behind would leak one Map per window
      if (map.size === 0) this.dropBaseNamespace(namespace);
      return;
    }
    const d = this.deltaFor(namespace);
    d.added.delete(key);
    if (this.baseMap(namespace)?.has(key) === true) d.changed.set(key, REMOVED);
  }

  /** The entries of `namespace` in insertion order, as a list the caller may change the table while going through. */
  entriesIn(namespace: unknown): [NormalizedKey, V][] {
    const out: [NormalizedKey, V][] = [];
    if (this.delta === null) {
      const map = this.baseMap(namespace);
      if (map !== undefined) for (const entry of map) out.push(entry);
      return out;
    }
    const base = this.baseMap(namespace);
    const d = this.deltaFor(namespace);
    // why: a key in `added` that is also in the base was removed and inserted again: its place is at the end
    if (base !== undefined) for (const [key, value] of base) {
      const changed = d.changed.get(key);
      if (changed === REMOVED) continue;
      if (changed !== undefined) out.push([key, changed]);
      else out.push([key, this.privateCopy(d, key, value)]);
    }
    for (const entry of d.added) out.push(entry);
    return out;
  }

  /** The keys with a value in `namespace`, in insertion order. */
  keysIn(namespace: unknown): NormalizedKey[] {
    const keys: NormalizedKey[] = [];
    this.forEachIn(namespace, (key) => keys.push(key));
    return keys;
  }

  /** The namespaces that hold a value for some key. */
  namespaces(): unknown[] {
    if (this.delta === null) return [...this.base.keys()];
    const out: unknown[] = [];
    for (const ns of this.base.keys()) if (this.countIn(ns) > 0) out.push(ns);
    for (const [ns, d] of this.delta) if (!this.base.has(ns) && d.added.size > 0) out.push(ns);
    return out;
  }

  /** Visits every entry without copying values (read-only: metrics, restore bookkeeping). */
  forEach(fn: (namespace: unknown, key: NormalizedKey, value: V) => void): void {
    for (const ns of this.namespaces()) this.forEachIn(ns, (key, value) => fn(ns, key, value));
  }

  get size(): number {
    let n = 0;
    if (this.delta === null) {
      for (const map of this.base.values()) n += map.size;
      return n;
    }
    for (const ns of this.namespaces()) n += this.countIn(ns);
    return n;
  }

  /**
   * Removes up to `budget` entries of `namespace` for which `expired` holds, going on where the
   * last call stopped (incremental TTL cleanup). Does nothing during a snapshot.
   */
  removeSome(namespace: unknown, budget: number, expired: (value: V) => boolean): void {
    if (this.delta !== null) return;
    const map = this.base.get(namespace);
    if (map === undefined) return;
    if (this.sweep === null || this.sweepMap !== map) {
      this.sweep = map.entries();
      this.sweepMap = map;
    }
    for (let i = 0; i < budget; i++) {
      const next = this.sweep.next();
      if (next.done === true) {
        this.sweep = null;
        return;
      }
      if (expired(next.value[1])) map.delete(next.value[0]);
    }
    if (map.size === 0) this.dropBaseNamespace(namespace);
  }

  private sweep: IterableIterator<[NormalizedKey, V]> | null = null;
  private sweepMap: Map<NormalizedKey, V> | null = null;

  /**
   * Loads restored entries in bulk: entry i is (namespaces[nsIndex[i]], keys[i], convert(values[i]));
   * an empty nsIndex means namespaces[0] for all, a null convert the values as they are. Restore only.
   */
  load(namespaces: readonly unknown[], nsIndex: readonly number[], keys: readonly NormalizedKey[], values: readonly unknown[], convert: ((data: unknown) => V) | null): void {
    if (this.delta !== null) throw new Error("restored state cannot be loaded while a snapshot is being taken");
    this.cachedNamespace = NO_NAMESPACE;
    this.cachedMap = undefined;
    const n = keys.length;
    if (n === 0) return;
    if (nsIndex.length > 0) {
      for (let i = 0; i < n; i++) this.set(namespaces[nsIndex[i]!], keys[i], convert === null ? (values[i] as V) : convert(values[i]));
      return;
    }
    let map = this.base.get(namespaces[0]);
    if (map === undefined) this.base.set(namespaces[0], (map = new Map()));
    // why: the common case (one namespace, plain values) is a tight loop of Map.set
    if (convert === null) for (let i = 0; i < n; i++) map.set(keys[i], values[i] as V);
    else for (let i = 0; i < n; i++) map.set(keys[i], convert(values[i]));
  }

  // ---- snapshots ----------------------------------------------------------------------------

  /** Freezes the table for a snapshot; changes go to a delta until `endSnapshot`. O(1). */
  beginSnapshot(): FrozenTable<V> {
    if (this.delta !== null) throw new Error("a snapshot of this state table is already being taken");
    this.delta = new Map();
    return this.base;
  }

  /** The snapshot is written: folds the changes made meanwhile into the table. O(changed entries). */
  endSnapshot(): void {
    const delta = this.delta;
    if (delta === null) return;
    this.delta = null;
    for (const [ns, d] of delta) {
      let map = this.base.get(ns);
      for (const [key, value] of d.changed) {
        if (value === REMOVED) map!.delete(key);
        else map!.set(key, value);
      }
      if (d.added.size > 0) {
        if (map === undefined) this.base.set(ns, (map = new Map()));
        for (const [key, value] of d.added) map.set(key, value);
      }
      if (map !== undefined && map.size === 0) this.base.delete(ns);
    }
    this.cachedNamespace = NO_NAMESPACE;
    this.cachedMap = undefined;
  }

  // ---- internals ----------------------------------------------------------------------------

  private baseMap(namespace: unknown): Map<NormalizedKey, V> | undefined {
    if (namespace === this.cachedNamespace) return this.cachedMap;
    const map = this.base.get(namespace);
    this.cachedNamespace = namespace;
    this.cachedMap = map;
    return map;
  }

  private dropBaseNamespace(namespace: unknown): void {
    this.base.delete(namespace);
    if (this.cachedNamespace === namespace) this.cachedMap = undefined;
  }

  private deltaFor(namespace: unknown): NamespaceDelta<V> {
    let d = this.delta!.get(namespace);
    if (d === undefined) this.delta!.set(namespace, (d = { changed: new Map(), added: new Map() }));
    return d;
  }

  private getDuringSnapshot(namespace: unknown, key: NormalizedKey): V | undefined {
    const d = this.delta!.get(namespace);
    const changed = d === undefined ? undefined : deltaValue(d, key);
    if (changed !== undefined) return changed === REMOVED ? undefined : changed;
    const value = this.baseMap(namespace)?.get(key);
    if (value === undefined) return value;
    return this.privateCopy(d ?? this.deltaFor(namespace), key, value);
  }

  /** The caller may change an object in place: it gets a copy, the snapshot keeps the original. */
  private privateCopy(d: NamespaceDelta<V>, key: NormalizedKey, value: V): V {
    if (typeof value !== "object" || value === null) return value;
    const copy = this.copy(value);
    d.changed.set(key, copy);
    return copy;
  }

  private forEachIn(namespace: unknown, fn: (key: NormalizedKey, value: V) => void): void {
    const d = this.delta?.get(namespace);
    const base = this.baseMap(namespace);
    if (base !== undefined) {
      for (const [key, value] of base) {
        const changed = d?.changed.get(key);
        if (changed === undefined) fn(key, value);
        else if (changed !== REMOVED) fn(key, changed);
      }
    }
    if (d !== undefined) for (const [key, value] of d.added) fn(key, value);
  }

  private countIn(namespace: unknown): number {
    let n = 0;
    this.forEachIn(namespace, () => n++);
    return n;
  }
}

/** What the delta says of a key: its value, REMOVED, or undefined when the key has not changed. */
function deltaValue<V>(d: NamespaceDelta<V>, key: NormalizedKey): V | typeof REMOVED | undefined {
  const added = d.added.get(key);
  return added !== undefined ? added : d.changed.get(key);
}
