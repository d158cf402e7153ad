// Heap implementations of the keyed state kinds, scoped to the backend's current key and a namespace.
import type { NormalizedKey } from "../core/key-groups.js";
import type { AggregateFunction, ReduceFunctionLike, StateSerializer } from "./descriptors.js";
import type { AggregatingState, ListState, MapState, ReducingState, ValueState } from "./state.js";
import { deepCopy } from "./deep-copy.js";
import { StateTable, VOID_NAMESPACE } from "./state-table.js";
import type { StateTtlConfig } from "./ttl.js";

/** What a state needs from its backend: the current key and the processing-time clock (for TTL). */
export interface KeyContext {
  currentNormalizedKey: NormalizedKey;
  now(): number;
}

/** A copy function; declared as a method type so a state of lists is still a HeapState<unknown>. */
type Copier<V> = { copy(value: V): V }["copy"];

interface TtlValue<V> {
  value: V;
  lastAccess: number;
}

/**
 * Shared mechanics: namespace handling and TTL. With TTL the table stores `{ value, lastAccess }`;
 * without it, the value itself (the common case pays no wrapper).
 */
export abstract class HeapState<V> {
  readonly table = new StateTable<unknown>((raw) => this.copyStored(raw));
  protected namespace: unknown = VOID_NAMESPACE;

  /** Set by the backend from the descriptor: how values become checkpoint data. */
  serializer: StateSerializer<V> | null = null;
  /** Set by the backend from the descriptor: how an object value is copied (copy-on-write snapshots). */
  copier: Copier<V> | null = null;

  constructor(
    readonly name: string,
    protected readonly keyContext: KeyContext,
    protected readonly ttl: StateTtlConfig | null,
  ) {}

  /** A stored entry (with its TTL wrapper, if any) as plain checkpoint data. */
  snapshotValue(raw: unknown): unknown {
    const ser = this.serializer;
    if (this.ttl === null) return ser === null ? raw : ser.toSnapshot(raw as V);
    const entry = raw as TtlValue<V>;
    return { value: ser === null ? entry.value : ser.toSnapshot(entry.value), lastAccess: entry.lastAccess };
  }

  restoreValue(data: unknown): unknown {
    const ser = this.serializer;
    if (this.ttl === null) return ser === null ? data : ser.fromSnapshot(data);
    const entry = data as TtlValue<unknown>;
    return { value: ser === null ? entry.value : ser.fromSnapshot(entry.value), lastAccess: entry.lastAccess };
  }

  /** Whether checkpoint data is stored as it is (no serializer, no TTL wrapper): restore loads it in bulk. */
  restoresAsIs(): boolean {
    return this.serializer === null && this.ttl === null;
  }

  /** A private copy of a stored object value (see StateDescriptor.withCopy). */
  copyValue(value: V): V {
    if (this.copier !== null) return this.copier(value);
    const ser = this.serializer;
    if (ser !== null) return ser.fromSnapshot(deepCopy(ser.toSnapshot(value)));
    return this.defaultCopy(value);
  }

  protected defaultCopy(value: V): V {
    return deepCopy(value);
  }

  private copyStored(raw: unknown): unknown {
    if (this.ttl === null) return this.copyValue(raw as V);
    const { value, lastAccess } = raw as TtlValue<V>;
    return { value: typeof value === "object" && value !== null ? this.copyValue(value) : value, lastAccess } satisfies TtlValue<V>;
  }

  setCurrentNamespace(namespace: unknown): void {
    this.namespace = namespace;
  }

  clear(): void {
    this.table.remove(this.namespace, this.keyContext.currentNormalizedKey);
  }

  /** Reads the stored value for the current key and namespace, honouring TTL. */
  protected read(): V | undefined {
    const raw = this.table.get(this.namespace, this.keyContext.currentNormalizedKey);
    if (this.ttl === null || raw === undefined) return raw as V | undefined;
    this.cleanupSome();
    const entry = raw as TtlValue<V>;
    const now = this.keyContext.now();
    if (now - entry.lastAccess >= this.ttl.ttl) {
      this.clear();
      return this.ttl.stateVisibility === "ReturnExpiredIfNotCleanedUp" ? entry.value : undefined;
    }
    if (this.ttl.updateType === "OnReadAndWrite") entry.lastAccess = now;
    return entry.value;
  }

  protected write(value: V): void {
    if (this.ttl === null) this.table.set(this.namespace, this.keyContext.currentNormalizedKey, value);
    else this.table.set(this.namespace, this.keyContext.currentNormalizedKey, { value, lastAccess: this.keyContext.now() } satisfies TtlValue<V>);
  }

  /** Reads the value stored under another namespace (window merging). */
  protected readIn(namespace: unknown): V | undefined {
    const saved = this.namespace;
    this.namespace = namespace;
    const value = this.read();
    this.namespace = saved;
    return value;
  }

  protected clearIn(namespace: unknown): void {
    this.table.remove(namespace, this.keyContext.currentNormalizedKey);
  }

  /** Incremental TTL cleanup: look at a few entries of the void namespace on each access. */
  private cleanupSome(): void {
    const ttl = this.ttl!;
    if (ttl.cleanupSize === 0) return;
    const now = this.keyContext.now();
    this.table.removeSome(VOID_NAMESPACE, ttl.cleanupSize, (raw) => now - (raw as TtlValue<unknown>).lastAccess >= ttl.ttl);
  }
}

export class HeapValueState<T> extends HeapState<T> implements ValueState<T> {
  constructor(name: string, keys: KeyContext, ttl: StateTtlConfig | null, private readonly defaultValue: T | undefined) {
    super(name, keys, ttl);
  }
  value(): T | undefined {
    const v = this.read();
    return v === undefined ? this.defaultValue : v;
  }
  update(value: T | undefined): void {
    if (value === undefined) this.clear();
    else this.write(value);
  }
}

export class HeapListState<T> extends HeapState<T[]> implements ListState<T> {
  protected override defaultCopy(list: T[]): T[] {
    return list.slice();
  }
  get(): readonly T[] {
    return this.read() ?? [];
  }
  add(value: T): void {
    const list = this.read();
    if (list === undefined) this.write([value]);
    else {
      list.push(value);
      if (this.ttl !== null) this.write(list);
    }
  }
  addAll(values: Iterable<T>): void {
    for (const v of values) this.add(v);
  }
  update(values: Iterable<T>): void {
    const list = [...values];
    if (list.length === 0) this.clear();
    else this.write(list);
  }
  /** Appends the lists of `sources` to `target` (merging windows). */
  mergeNamespaces(target: unknown, sources: readonly unknown[]): void {
    const merged: T[] = [...(this.readIn(target) ?? [])];
    for (const ns of sources) {
      const list = this.readIn(ns);
      if (list !== undefined) merged.push(...list);
      this.clearIn(ns);
    }
    const saved = this.namespace;
    this.namespace = target;
    if (merged.length > 0) this.write(merged);
    this.namespace = saved;
  }
}

export class HeapMapState<K, V> extends HeapState<Map<K, V>> implements MapState<K, V> {
  protected override defaultCopy(map: Map<K, V>): Map<K, V> {
    return new Map(map);
  }
  get(key: K): V | undefined {
    return this.read()?.get(key);
  }
  put(key: K, value: V): void {
    const map = this.read();
    if (map === undefined) this.write(new Map([[key, value]]));
    else {
      map.set(key, value);
      if (this.ttl !== null) this.write(map);
    }
  }
  putAll(entries: Iterable<readonly [K, V]>): void {
    for (const [k, v] of entries) this.put(k, v);
  }
  remove(key: K): void {
    const map = this.read();
    if (map === undefined) return;
    map.delete(key);
    if (map.size === 0) this.clear();
  }
  contains(key: K): boolean {
    return this.read()?.has(key) ?? false;
  }
  entries(): IterableIterator<[K, V]> {
    return (this.read() ?? new Map<K, V>()).entries();
  }
  keys(): IterableIterator<K> {
    return (this.read() ?? new Map<K, V>()).keys();
  }
  values(): IterableIterator<V> {
    return (this.read() ?? new Map<K, V>()).values();
  }
  isEmpty(): boolean {
    return (this.read()?.size ?? 0) === 0;
  }
}

export class HeapReducingState<T> extends HeapState<T> implements ReducingState<T> {
  private readonly reduce: ReduceFunctionLike<T>;
  constructor(name: string, keys: KeyContext, ttl: StateTtlConfig | null, reduce: ReduceFunctionLike<T> | { reduce: ReduceFunctionLike<T> }) {
    super(name, keys, ttl);
    this.reduce = typeof reduce === "function" ? reduce : (a, b) => reduce.reduce(a, b);
  }
  get(): T | undefined {
    return this.read();
  }
  add(value: T): void {
    const current = this.read();
    this.write(current === undefined ? value : this.reduce(current, value));
  }
  mergeNamespaces(target: unknown, sources: readonly unknown[]): void {
    let acc = this.readIn(target);
    for (const ns of sources) {
      const v = this.readIn(ns);
      if (v !== undefined) acc = acc === undefined ? v : this.reduce(acc, v);
      this.clearIn(ns);
    }
    const saved = this.namespace;
    this.namespace = target;
    if (acc !== undefined) this.write(acc);
    this.namespace = saved;
  }
}

export class HeapAggregatingState<IN, ACC, OUT> extends HeapState<ACC> implements AggregatingState<IN, OUT> {
  constructor(name: string, keys: KeyContext, ttl: StateTtlConfig | null, private readonly fn: AggregateFunction<IN, ACC, OUT>) {
    super(name, keys, ttl);
  }
  get(): OUT | undefined {
    const acc = this.read();
    return acc === undefined ? undefined : this.fn.getResult(acc);
  }
  /** The raw accumulator (window operators use it to avoid a getResult per record). */
  getAccumulator(): ACC | undefined {
    return this.read();
  }
  add(value: IN): void {
    const acc = this.read();
    this.write(this.fn.add(value, acc === undefined ? this.fn.createAccumulator() : acc));
  }
  mergeNamespaces(target: unknown, sources: readonly unknown[]): void {
    let acc = this.readIn(target);
    for (const ns of sources) {
      const v = this.readIn(ns);
      if (v !== undefined) acc = acc === undefined ? v : this.fn.merge(acc, v);
      this.clearIn(ns);
    }
    const saved = this.namespace;
    this.namespace = target;
    if (acc !== undefined) this.write(acc);
    this.namespace = saved;
  }
}
