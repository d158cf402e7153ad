// Dictionary encoding of vertex keys: the user's keys (numbers, strings, bigints…) map to dense integers 0..n-1 in
// order of first appearance, so kernels index typed arrays and results map back to keys. O(1) amortised per lookup.

/** A vertex key: anything a Map can key by value. Objects are keyed by identity, so use primitives. */
export type VertexKey = string | number | bigint | boolean;

export class VertexDictionary<K extends VertexKey> {
  private readonly indexOf = new Map<K, number>();
  private readonly keys: K[] = [];

  /** The dense index of `key`, adding it if new. */
  intern(key: K): number {
    let i = this.indexOf.get(key);
    if (i === undefined) {
      i = this.keys.length;
      this.keys.push(key);
      this.indexOf.set(key, i);
    }
    return i;
  }

  /** The dense index of `key`, or -1 when it is not a vertex. */
  find(key: K): number {
    return this.indexOf.get(key) ?? -1;
  }

  keyAt(index: number): K {
    const key = this.keys[index];
    if (key === undefined && !(index >= 0 && index < this.keys.length)) throw new RangeError(`no vertex at index ${index} (the graph has ${this.keys.length})`);
    return key as K;
  }

  get size(): number {
    return this.keys.length;
  }
}
