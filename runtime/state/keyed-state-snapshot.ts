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

/** Entries of states restored but not registered yet: plain checkpoint data, never changed. */
export type PendingRestoreEntries = readonly (readonly [name: string, entries: readonly (readonly [unknown, unknown, unknown])[]])[];

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
  private namespaces: Iterator<[unknown, ReadonlyMap<NormalizedKey, unknown>]> | null = null;
  private entries: Iterator<[NormalizedKey, unknown]> | null = null;
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
        const next = this.entries.next();
        if (next.done !== true) {
          const state = this.states[this.stateIndex]!;
          this.add(state.name, this.namespace, this.encodedNamespace, next.value[0], state.state.snapshotValue(next.value[1]));
          budget--;
          continue;
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
    for (const [name, entries] of this.pendingRestore) {
      this.namespaceIds = new Map();
      for (const [ns, key, data] of entries) this.add(name, ns, this.encodeNamespace(ns), key as NormalizedKey, data);
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

  private add(name: string, ns: unknown, encodedNs: unknown, key: NormalizedKey, value: unknown): void {
    const kg = keyGroupOf(key, this.maxParallelism);
    const g = (this.groups[kg] ??= { states: {}, eventTimers: [], processingTimers: [] });
    const c = (g.states[name] ??= { namespaces: [], nsIndex: [], keys: [], values: [] });
    let ids = this.namespaceIds.get(c);
    if (ids === undefined) this.namespaceIds.set(c, (ids = new Map()));
    let id = ids.get(ns);
    if (id === undefined) {
      id = c.namespaces.length;
      c.namespaces.push(encodedNs);
      ids.set(ns, id);
    }
    // why: nsIndex stays empty while every entry is in the first namespace (the common void case)
    if (id !== 0 && c.nsIndex.length === 0) for (let i = 0; i < c.keys.length; i++) c.nsIndex.push(0);
    if (id !== 0 || c.nsIndex.length > 0) c.nsIndex.push(id);
    c.keys.push(key);
    c.values.push(value);
  }
}

function entriesOf(group: KeyGroupSnapshot): number {
  let n = group.eventTimers.length + group.processingTimers.length;
  for (const c of Object.values(group.states)) n += c.keys.length;
  return n;
}
