// The state descriptor of a union-find kept in keyed state: plain arrays in checkpoints, a typed-array copy for
// copy-on-write snapshots.
import { ValueStateDescriptor } from "../../runtime/index.js";
import { DisjointSet, type DisjointSetSnapshot } from "./disjoint-set.js";
import type { OrderedVertexKey } from "./edge.js";

export function disjointSetDescriptor<K extends OrderedVertexKey>(name: string): ValueStateDescriptor<DisjointSet<K>> {
  return new ValueStateDescriptor<DisjointSet<K>>(name)
    .withSerializer({
      toSnapshot: (set: DisjointSet<K>) => set.snapshot(),
      fromSnapshot: (data: unknown) => DisjointSet.restore(data as DisjointSetSnapshot<K>),
    })
    .withCopy((set: DisjointSet<K>) => set.copy());
}
