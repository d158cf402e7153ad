// A union-find over vertex keys (gelly-streaming's DisjointSet summary), labelled by the smallest key of each set so
// that component ids do not depend on the order of unions. Keys are dictionary-encoded to dense ids; parents, sizes,
// labels and member lists live in typed arrays. Costs: find/union amortised O(α(n)) (union by size, path halving);
// listing a set's members O(its size) through a circular list that a union splices in O(1).
import type { OrderedVertexKey } from "./edge.js";

/** The checkpoint form: the arrays up to the vertex count, and the keys in dense-id order. */
export interface DisjointSetSnapshot<K> {
  readonly keys: readonly K[];
  readonly parent: Int32Array;
  readonly size: Int32Array;
  readonly label: Int32Array;
  readonly next: Int32Array;
}

export class DisjointSet<K extends OrderedVertexKey> {
  private readonly ids: Map<K, number>;
  private readonly keys: K[];
  private parent: Int32Array;
  private size: Int32Array;
  /** At a root: the dense id of the smallest key in its set. */
  private label: Int32Array;
  /** next[v]: the following member of v's set, in a cycle through all of them. */
  private next: Int32Array;

  constructor(capacity = 16) {
    capacity = Math.max(1, capacity);
    this.ids = new Map();
    this.keys = [];
    this.parent = new Int32Array(capacity);
    this.size = new Int32Array(capacity);
    this.label = new Int32Array(capacity);
    this.next = new Int32Array(capacity);
  }

  /** Vertices seen so far. */
  get vertexCount(): number {
    return this.keys.length;
  }

  /** The dense id of `key`, or -1 when the set has not seen it. */
  find(key: K): number {
    return this.ids.get(key) ?? -1;
  }

  /** The dense id of `key`; a key seen for the first time becomes a set of its own (see isNew). */
  intern(key: K): number {
    const known = this.ids.get(key);
    if (known !== undefined) return known;
    const id = this.keys.length;
    if (id === this.parent.length) this.grow();
    this.ids.set(key, id);
    this.keys.push(key);
    this.parent[id] = id;
    this.size[id] = 1;
    this.label[id] = id;
    this.next[id] = id;
    return id;
  }

  keyAt(id: number): K {
    return this.keys[id]!;
  }

  /** The root of id's set (path halving). */
  root(id: number): number {
    const parent = this.parent;
    while (parent[id] !== id) {
      const grand = parent[parent[id]!]!;
      parent[id] = grand;
      id = grand;
    }
    return id;
  }

  /** The dense id of the smallest key in id's set: its component id. */
  labelOf(id: number): number {
    return this.label[this.root(id)]!;
  }

  /**
   * Joins the sets of a and b; false when they already were one set. When `relabelled` is given, the members of the
   * side whose label was the greater — the vertices whose component id falls with this union — are appended to it
   * (O(that side's size); the cycles are spliced afterwards, so they could not be told apart later).
   */
  union(a: number, b: number, relabelled: number[] | null = null): boolean {
    let ra = this.root(a);
    let rb = this.root(b);
    if (ra === rb) return false;
    const la = this.label[ra]!;
    const lb = this.label[rb]!;
    const aKeepsLabel = this.keys[la]! < this.keys[lb]!;
    if (relabelled !== null) this.membersInto(aKeepsLabel ? rb : ra, relabelled);
    if (this.size[ra]! < this.size[rb]!) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    this.size[ra]! += this.size[rb]!;
    this.label[ra] = aKeepsLabel ? la : lb;
    // why a swap of successors: it splices the two member cycles into one in O(1)
    const after = this.next[ra]!;
    this.next[ra] = this.next[rb]!;
    this.next[rb] = after;
    return true;
  }

  /** Appends the members of the set that `member` belongs to onto `out`. */
  membersInto(member: number, out: number[]): void {
    let v = member;
    do {
      out.push(v);
      v = this.next[v]!;
    } while (v !== member);
  }

  /** Every vertex with its label (dense ids): label[v] = id of the smallest key in v's set. */
  labels(): Int32Array {
    const n = this.keys.length;
    const out = new Int32Array(n);
    for (let v = 0; v < n; v++) out[v] = this.labelOf(v);
    return out;
  }

  snapshot(): DisjointSetSnapshot<K> {
    const n = this.keys.length;
    return { keys: this.keys.slice(), parent: this.parent.slice(0, n), size: this.size.slice(0, n), label: this.label.slice(0, n), next: this.next.slice(0, n) };
  }

  static restore<K extends OrderedVertexKey>(s: DisjointSetSnapshot<K>): DisjointSet<K> {
    const set = new DisjointSet<K>(Math.max(16, s.keys.length));
    for (let v = 0; v < s.keys.length; v++) {
      set.ids.set(s.keys[v]!, v);
      set.keys.push(s.keys[v]!);
    }
    set.parent.set(s.parent);
    set.size.set(s.size);
    set.label.set(s.label);
    set.next.set(s.next);
    return set;
  }

  /** A private copy (copy-on-write snapshots hand the original to the checkpoint). */
  copy(): DisjointSet<K> {
    return DisjointSet.restore(this.snapshot());
  }

  private grow(): void {
    const capacity = this.parent.length * 2;
    const widen = (a: Int32Array) => {
      const b = new Int32Array(capacity);
      b.set(a);
      return b;
    };
    this.parent = widen(this.parent);
    this.size = widen(this.size);
    this.label = widen(this.label);
    this.next = widen(this.next);
  }
}
