// A vertex's edges as Flink's getEdges() yields them: out-edges (source = the vertex), in-edges (target = the
// vertex), or out-edges then in-edges for "all"; one reused Edge object, values looked up by input-edge position.
import type { CsrGraph } from "../graph/csr.js";
import type { Edge, EdgeDirection } from "./iteration-input.js";

export class EdgeIterator<EV> implements IterableIterator<Edge<EV>> {
  private vertex = 0;
  private at = 0;
  private outEnd = 0;
  private inAt = 0;
  private inEnd = 0;
  private readonly edge: Edge<EV> = { source: 0, target: 0, value: undefined as EV };
  private readonly result: { done: boolean; value: Edge<EV> };

  constructor(private readonly csr: CsrGraph, private readonly edgeValues: readonly EV[], private readonly direction: EdgeDirection) {
    this.result = { done: true, value: this.edge };
  }

  /** @internal points the iterator at vertex v's edges. */
  reset(v: number): this {
    const g = this.csr;
    this.vertex = v;
    const useOut = this.direction !== "in";
    const useIn = this.direction !== "out";
    this.at = useOut ? g.outOffsets[v]! : 0;
    this.outEnd = useOut ? g.outOffsets[v + 1]! : 0;
    this.inAt = useIn ? g.inOffsets[v]! : 0;
    this.inEnd = useIn ? g.inOffsets[v + 1]! : 0;
    return this;
  }

  next(): IteratorResult<Edge<EV>> {
    const g = this.csr;
    const e = this.edge;
    const r = this.result;
    if (this.at < this.outEnd) {
      const i = this.at++;
      e.source = this.vertex;
      e.target = g.outTargets[i]!;
      e.value = this.edgeValues[g.outEdges[i]!]!;
      r.done = false;
    } else if (this.inAt < this.inEnd) {
      const i = this.inAt++;
      e.source = g.inSources[i]!;
      e.target = this.vertex;
      e.value = this.edgeValues[g.inEdges[i]!]!;
      r.done = false;
    } else {
      r.done = true;
    }
    return r as IteratorResult<Edge<EV>>;
  }

  [Symbol.iterator](): this {
    return this;
  }
}
