// Storage of one keyed state: namespace → key → value, in nested Maps.
// Costs: get/put/remove O(1) expected; namespace switch O(1); snapshot O(entries).
import type { NormalizedKey } from "../core/key-groups.js";

/** The namespace of state that is not scoped to a window. */
export const VOID_NAMESPACE: unknown = Object.freeze({ toString: () => "VoidNamespace" });

/**
 * Namespace-major so that an operator that works on one namespace for many records (windows) or
 * on the void namespace (keyed process functions) looks it up once and then pays one Map lookup
 * per access. Namespaces are compared by identity (Map semantics): use primitives or interned objects.
 */
export class StateTable<V> {
  readonly byNamespace = new Map<unknown, Map<NormalizedKey, V>>();

  get(namespace: unknown, key: NormalizedKey): V | undefined {
    return this.byNamespace.get(namespace)?.get(key);
  }

  /** The key → value map of a namespace, created on demand. */
  mapFor(namespace: unknown): Map<NormalizedKey, V> {
    let map = this.byNamespace.get(namespace);
    if (map === undefined) {
      map = new Map();
      this.byNamespace.set(namespace, map);
    }
    return map;
  }

  remove(namespace: unknown, key: NormalizedKey): void {
    const map = this.byNamespace.get(namespace);
    if (map === undefined) return;
    map.delete(key);
    // why: windows come and go; an empty namespace map left behind would leak one Map per window.
    if (map.size === 0) this.byNamespace.delete(namespace);
  }

  get size(): number {
    let n = 0;
    for (const map of this.byNamespace.values()) n += map.size;
    return n;
  }

  *entries(): IterableIterator<[unknown, NormalizedKey, V]> {
    for (const [ns, map] of this.byNamespace) for (const [k, v] of map) yield [ns, k, v];
  }

  keysOf(namespace: unknown): IterableIterator<NormalizedKey> {
    return (this.byNamespace.get(namespace) ?? new Map<NormalizedKey, V>()).keys();
  }
}
