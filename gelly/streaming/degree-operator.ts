// The keyed operator behind degrees(): per vertex, the number of incidences seen so far, emitted on every change.
import { AbstractStreamOperator, EddyError, MapStateDescriptor, type RecordBatch, ValueStateDescriptor } from "../../runtime/index.js";
import { type HeapMapState, type HeapValueState, type Key } from "../../runtime/spi.js";
import type { Incidence } from "./incidence.js";

/** A vertex and its degree after the edge that changed it. */
export interface VertexDegree<K> {
  readonly vertexId: K;
  readonly degree: number;
}

const OUT_SEEN = 1;
const IN_SEEN = 2;

/**
 * Keyed by vertex. DEGREE_STATE holds the vertex's degree; with `distinct`, NEIGHBOUR_STATE maps each neighbour to the
 * directions (OUT_SEEN | IN_SEEN) in which an edge to it was counted, so a repeated edge changes nothing and emits
 * nothing. Each counted incidence emits { vertexId, degree } with the edge's timestamp.
 */
export class DegreeOperator<K> extends AbstractStreamOperator<VertexDegree<K>> {
  static readonly DEGREE_STATE = "gelly-degree";
  static readonly NEIGHBOUR_STATE = "gelly-degree-neighbours";

  private degrees!: HeapValueState<number>;
  private neighbours: HeapMapState<K, number> | null = null;
  private keyOf!: (value: Incidence<K>) => Key;

  constructor(name: string, private readonly distinct: boolean) {
    super(name);
  }

  override open(): void {
    const keyOf = this.ctx.keySelectors[0];
    if (this.ctx.keyedBackend === null || keyOf == null) {
      throw new EddyError("internal", "the degree operator runs on a stream keyed by vertex: build it with degrees(edges, direction)", this.errorContext(), { retriable: false });
    }
    this.keyOf = keyOf;
    this.degrees = this.keyedBackend.getOrCreateState(new ValueStateDescriptor<number>(DegreeOperator.DEGREE_STATE)) as HeapValueState<number>;
    if (this.distinct) {
      this.neighbours = this.keyedBackend.getOrCreateState(new MapStateDescriptor<K, number>(DegreeOperator.NEIGHBOUR_STATE)) as HeapMapState<K, number>;
    }
  }

  processBatch(batch: RecordBatch<Incidence<K>>): void {
    const { values, timestamps } = batch;
    const backend = this.keyedBackend;
    const neighbours = this.neighbours;
    for (let i = 0; i < batch.length; i++) {
      const incidence = values[i]!;
      backend.setCurrentKey(this.keyOf(incidence));
      if (neighbours !== null) {
        const bit = incidence.outgoing ? OUT_SEEN : IN_SEEN;
        const seen = neighbours.get(incidence.neighbour) ?? 0;
        if ((seen & bit) !== 0) continue; // why: this edge was counted already (distinct semantics)
        neighbours.put(incidence.neighbour, seen | bit);
      }
      const degree = (this.degrees.value() ?? 0) + 1;
      this.degrees.update(degree);
      this.output.collect({ vertexId: incidence.vertex, degree }, timestamps[i]!);
    }
  }
}
