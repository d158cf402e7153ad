// A snapshot of one subtask's keyed state, taken copy-on-write: begun on the barrier in O(number of
// states), then written in steps between record batches while records keep flowing.
import type { KeyGroupSnapshot, StateColumns } from "../checkpoint/snapshot.js";
import { encodeKeyGroup } from "../checkpoint/snapshot-encoding.js";
import { keyGroupOf, type NormalizedKey } from "../core/key-groups.js";
import type { HeapState } from "./heap-states.js";
import type { FrozenTable } from "./state-table.js";

/** One state as it was at the barrier. */
interface FrozenState {
  readonly name: string;
  readonly state: HeapState<unknown>;
  readonly frozen: FrozenTable<unknown>;
}

/** Restored entries of one state, as checkpoint data with decoded namespaces: entry i is (namespaces[nsIndex[i] ?? 0], keys[i], values[i]). */
export interface RestoredColumns {
  readonly namespaces: readonly unknown[];
  readonly nsIndex: readonly number[];
  readonly keys: readonly NormalizedKey[];
  readonly values: readonly unknown[];
}

/** Columns of states restored but not registered yet: plain checkpoint data, never changed. */
export type PendingRestoreEntries = readonly (readonly [name: string, columns: readonly RestoredColumns[]])[];

/**
 * Three phases. collect: walk the frozen tables, appending each entry to the columns of its key
 * group (values stay references: the frozen tables do not change, see StateTable). encode: turn
 * each key group into bytes. done: the tables fold in the changes made meanwhile. Each `step`
 * does about `budget` entries of work, so a subtask interleaves it with its records.
 */
export class KeyedStateSnapshot {
  private readonly groups: Record<number, KeyGroupSnapshot>;
  private readonly encoded: Record<number, Uint8Array> = {};
  private phase: "collect" | "encode" | "done" = "collect";
  private stateIndex = 0;
  private namespaces: IterableIterator<[unknown, ReadonlyMap<NormalizedKey, unknown>]> | null = null;
  private entries: IterableIterator<[NormalizedKey, unknown]> | null = null;
  private namespace: unknown = undefined;
  private encodedNamespace: unknown = undefined;
  /** Per columns: namespace → index into its `namespaces` column. */
  private namespaceIds = new Map<StateColumns, Map<unknown, number>>();
  private toEncode: number[] = [];

  constructor(
    private readonly states: readonly FrozenState[],
    private readonly pendingRestore: PendingRestoreEntries,
    private readonly maxParallelism: number,
    private readonly encodeNamespace: (ns: unknown) => unknown,
    /** Key groups with the timers, taken synchronously on the barrier (as Flink's heap timers). */
    timerGroups: Record<number, KeyGroupSnapshot>,
  ) {
    this.groups = timerGroups;
  }

  get isDone(): boolean {
    return this.phase === "done";
  }

  /** Does about `budget` entries of work; true once the snapshot is complete. */
  step(budget: number): boolean {
    let left = budget;
    while (left > 0 && this.phase !== "done") left = this.phase === "collect" ? this.collect(left) : this.encode(left);
    return this.phase === "done";
  }

  /** Runs to the end now (a newer barrier arrived, or the subtask finished). */
  finish(): void {
    while (!this.step(Number.MAX_SAFE_INTEGER));
  }

  /** The key groups as bytes; only once done. */
  encodedKeyGroups(): Record<number, Uint8Array> {
    if (this.phase !== "done") throw new Error("the keyed state snapshot is not complete yet");
    return this.encoded;
  }

  /**
   * The key groups as data, collected in one go and not encoded (tests, tools). The values are
   * the state's own objects: read them before any further record is processed.
   */
  collectAll(): Record<number, KeyGroupSnapshot> {
    while (this.phase === "collect") this.collect(Number.MAX_SAFE_INTEGER);
    this.release();
    this.phase = "done";
    return this.groups;
  }

  private collect(budget: number): number {
    while (budget > 0) {
      if (this.entries !== null) {
        const { name, state } = this.states[this.stateIndex]!;
        // why: for-of over the iterator is ~2× faster than calling next(); a Map iterator has no
        // return(), so leaving the loop early does not close it and the next step resumes it
        for (const entry of this.entries as IterableIterator<[NormalizedKey, unknown]>) {
          this.add(name, this.namespace, this.encodedNamespace, entry[0], state.snapshotValue(entry[1]));
          if (--budget === 0) return 0;
        }
        this.entries = null;
      }
      if (this.stateIndex >= this.states.length) {
        this.collectPendingRestore();
        this.phase = "encode";
        this.toEncode = Object.keys(this.groups).map(Number);
        return budget;
      }
      this.namespaces ??= this.states[this.stateIndex]!.frozen.entries();
      const ns = this.namespaces.next();
      if (ns.done === true) {
        this.namespaces = null;
        this.namespaceIds = new Map();
        this.stateIndex++;
        continue;
      }
      this.namespace = ns.value[0];
      this.encodedNamespace = this.encodeNamespace(ns.value[0]);
      this.entries = ns.value[1].entries();
    }
    return 0;
  }

  /** Restored but never re-registered state must survive the next checkpoint too. */
  private collectPendingRestore(): void {
    for (const [name, list] of this.pendingRestore) {
      this.namespaceIds = new Map();
      for (const c of list) {
        const encoded = c.namespaces.map(this.encodeNamespace);
        for (let i = 0; i < c.keys.length; i++) {
          const id = c.nsIndex.length === 0 ? 0 : c.nsIndex[i]!;
          this.add(name, c.namespaces[id], encoded[id], c.keys[i]!, c.values[i]);
        }
      }
    }
  }

  private encode(budget: number): number {
    while (budget > 0) {
      const kg = this.toEncode.pop();
      if (kg === undefined) {
        this.release();
        this.phase = "done";
        return budget;
      }
      const group = this.groups[kg]!;
      this.encoded[kg] = encodeKeyGroup(group);
      delete this.groups[kg];
      budget -= 1 + entriesOf(group);
    }
    return 0;
  }

  private release(): void {
    for (const s of this.states) s.state.table.endSnapshot();
  }

  /**
   * Appends one entry to the columns of its key group. The columns (and the namespace's index in
   * them) are looked up once per key group and namespace, then cached by key group: ~2× faster
   * than looking them up per entry (measured: 1M numeric entries, ~250 → ~120 ms).
   */
  private add(name: string, ns: unknown, encodedNs: unknown, key: NormalizedKey, value: unknown): void {
    if (ns !== this.targetNamespace || name !== this.targetName) {
      this.targetNamespace = ns;
      this.targetName = name;
      this.targets = new Array<ColumnTarget | undefined>(this.maxParallelism);
    }
    const kg = keyGroupOf(key, this.maxParallelism);
    const t = (this.targets[kg] ??= this.targetFor(kg, name, ns, encodedNs));
    const c = t.columns;
    // why: nsIndex stays empty while every entry is in the first namespace (the common void case)
    if (t.nsId !== 0 || c.nsIndex.length > 0) {
      if (c.nsIndex.length === 0) for (let i = 0; i < c.keys.length; i++) c.nsIndex.push(0);
      c.nsIndex.push(t.nsId);
    }
    c.keys.push(key);
    c.values.push(value);
  }

  private targetNamespace: unknown = undefined;
  private targetName = "";
  private targets: (ColumnTarget | undefined)[] = [];

  private targetFor(kg: number, name: string, ns: unknown, encodedNs: unknown): ColumnTarget {
    const g = (this.groups[kg] ??= { states: {}, eventTimers: [], processingTimers: [] });
    const columns = (g.states[name] ??= { namespaces: [], nsIndex: [], keys: [], values: [] });
    let ids = this.namespaceIds.get(columns);
    if (ids === undefined) this.namespaceIds.set(columns, (ids = new Map()));
    let nsId = ids.get(ns);
    if (nsId === undefined) {
      nsId = columns.namespaces.length;
      columns.namespaces.push(encodedNs);
      ids.set(ns, nsId);
    }
    return { columns, nsId };
  }
}

/** Where the entries of one key group go while one state's namespace is collected. */
interface ColumnTarget {
  readonly columns: StateColumns;
  readonly nsId: number;
}

function entriesOf(group: KeyGroupSnapshot): number {
  let n = group.eventTimers.length + group.processingTimers.length;
  for (const c of Object.values(group.states)) n += c.keys.length;
  return n;
}
