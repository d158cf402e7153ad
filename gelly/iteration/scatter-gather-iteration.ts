// Flink Gelly's scatter-gather iteration (spargel.ScatterGatherIteration): every superstep, the vertices updated in
// the superstep before (all vertices in superstep 1) run the ScatterFunction, which sends messages along their edges
// in the configured direction or to any vertex; then every vertex that was sent a message runs the GatherFunction
// over its messages (in sender order) and may set a new value, which makes it scatter in the next superstep. The
// iteration stops after a superstep in which no vertex was updated, or after maxIterations supersteps.
//
// One departure from Flink's code (not its documentation): with direction "all", Flink's plan calls sendMessages twice
// per vertex, once with the in-edges and once with the out-edges; here it is called once and getEdges() and
// sendMessageToAllNeighbors() cover out-edges then in-edges, as Flink's Javadoc describes.
import type { CsrGraph } from "../graph/csr.js";
import { type AggregatorFactories, PartitionedAggregators } from "./aggregator.js";
import { EdgeIterator } from "./edge-iterator.js";
import { checkInput, type Edge, type EdgeDirection, type IterationInput, type IterationResult, type Vertex } from "./iteration-input.js";
import { FlatInbox, MessageList } from "./message-blocks.js";
import { MessageIterator } from "./message-iterator.js";
import { type BroadcastSets, CONTEXT, IterationFunction, SuperstepContext } from "./superstep-context.js";
import { partitionVertices, type VertexPartitions } from "./vertex-partitions.js";

const MODEL = "ScatterGatherIteration";

/** Flink's ScatterGatherConfiguration. */
export interface ScatterGatherConfiguration {
  /** Vertex-range partitions per superstep (default 1). */
  readonly parallelism?: number;
  readonly aggregators?: AggregatorFactories;
  readonly scatterBroadcastSets?: BroadcastSets;
  readonly gatherBroadcastSets?: BroadcastSets;
  /** The edges messages travel along: "out" (default), "in", or "all". */
  readonly direction?: EdgeDirection;
  /** Give getInDegree()/getOutDegree() the vertex's degrees (Flink's setOptDegrees); default false (-1). */
  readonly degrees?: boolean;
  /** Give getNumberOfVertices() the vertex count (Flink's setOptNumVertices); default false (-1). */
  readonly numberOfVertices?: boolean;
}

const ENGINE: unique symbol = Symbol("scatter-gather engine");

/** Degree accessors shared by both functions (Flink: -1 unless the degrees option is set). */
abstract class DegreeAwareFunction<VV, EV, M> extends IterationFunction {
  [ENGINE]: ScatterGatherEngine<VV, EV, M> | undefined;

  getInDegree(): number {
    return this.engine().inDegree();
  }

  getOutDegree(): number {
    return this.engine().outDegree();
  }

  protected engine(): ScatterGatherEngine<VV, EV, M> {
    const e = this[ENGINE];
    if (e === undefined) throw new Error(`${MODEL}: these methods work only while the iteration calls the function`);
    return e;
  }
}

/** Flink's ScatterFunction: turns an updated vertex into messages for the next gather. */
export abstract class ScatterFunction<VV, EV, M> extends DegreeAwareFunction<VV, EV, M> {
  /** Runs once per superstep for every vertex updated in the superstep before (every vertex in superstep 1). */
  abstract sendMessages(vertex: Vertex<VV>): void;

  /** The vertex's edges in the configured direction; at most once, and not together with sendMessageToAllNeighbors. */
  getEdges(): Iterable<Edge<EV>> {
    return this.engine().edges();
  }

  /** Sends m to the other end of every edge in the configured direction; at most once, and not together with getEdges. */
  sendMessageToAllNeighbors(m: M): void {
    this.engine().sendToAllNeighbors(m);
  }

  sendMessageTo(target: number, m: M): void {
    this.engine().send(target, m);
  }

  getDirection(): EdgeDirection {
    return this.engine().direction;
  }
}

/** Flink's GatherFunction: updates a vertex from the messages it was sent. */
export abstract class GatherFunction<VV, EV, M> extends DegreeAwareFunction<VV, EV, M> {
  /** Runs once per superstep for every vertex that was sent at least one message. */
  abstract updateVertex(vertex: Vertex<VV>, inMessages: MessageIterator<M>): void;

  /** Sets the vertex's new value and makes it scatter in the next superstep; at most once per updateVertex. */
  setNewVertexValue(value: VV): void {
    this.engine().setValue(value);
  }
}

/** Runs a scatter-gather iteration (Flink's graph.runScatterGatherIteration(scatter, gather, maxIterations, parameters)). */
export function runScatterGatherIteration<VV, EV, M>(
  input: IterationInput<VV, EV>,
  scatterFunction: ScatterFunction<VV, EV, M>,
  gatherFunction: GatherFunction<VV, EV, M>,
  maxIterations: number,
  parameters: ScatterGatherConfiguration = {},
): IterationResult<VV> {
  const parallelism = parameters.parallelism ?? 1;
  checkInput(MODEL, input, maxIterations, parallelism);
  const engine = new ScatterGatherEngine<VV, EV, M>(input, scatterFunction, gatherFunction, parallelism, parameters);
  scatterFunction[ENGINE] = engine;
  gatherFunction[ENGINE] = engine;
  scatterFunction[CONTEXT] = engine.scatterContext;
  gatherFunction[CONTEXT] = engine.gatherContext;
  try {
    const supersteps = engine.run(maxIterations);
    return { vertexValues: engine.values, supersteps, aggregates: engine.aggregators.last() };
  } finally {
    scatterFunction[ENGINE] = gatherFunction[ENGINE] = undefined;
    scatterFunction[CONTEXT] = gatherFunction[CONTEXT] = undefined;
  }
}

class ScatterGatherEngine<VV, EV, M> {
  readonly values: VV[];
  readonly direction: EdgeDirection;
  readonly aggregators: PartitionedAggregators;
  readonly scatterContext: SuperstepContext;
  readonly gatherContext: SuperstepContext;
  private readonly n: number;
  private readonly csr: CsrGraph;
  private readonly parts: VertexPartitions;
  private readonly withDegrees: boolean;
  /** updated[v] = 1: v scatters in the next superstep. */
  private readonly updated: Uint8Array;
  private readonly listIn: FlatInbox<M>[] = [];
  private readonly listOut: MessageList<M>[][] = [];
  private readonly messages = new MessageIterator<M>();
  private readonly edgeIterator: EdgeIterator<EV>;
  private readonly vertex: Vertex<VV> = { id: 0, value: undefined as VV };
  private partition = 0;
  private current = 0;
  private edgesUsed = false;
  private valueSet = false;
  private updates = 0;

  constructor(input: IterationInput<VV, EV>, private readonly scatter: ScatterFunction<VV, EV, M>, private readonly gather: GatherFunction<VV, EV, M>, parallelism: number, parameters: ScatterGatherConfiguration) {
    this.csr = input.csr;
    this.n = this.csr.vertexCount;
    this.values = input.vertexValues.slice();
    this.direction = parameters.direction ?? "out";
    if (this.direction !== "out" && this.direction !== "in" && this.direction !== "all") throw new RangeError(`${MODEL}: direction must be "out", "in" or "all", got ${String(this.direction)}`);
    this.withDegrees = parameters.degrees === true;
    this.parts = partitionVertices(this.n, parallelism);
    this.edgeIterator = new EdgeIterator(this.csr, input.edgeValues, this.direction);
    this.aggregators = new PartitionedAggregators(MODEL, parameters.aggregators ?? {}, parallelism);
    const count = parameters.numberOfVertices === true ? this.n : -1;
    this.scatterContext = new SuperstepContext(MODEL, this.aggregators, parameters.scatterBroadcastSets ?? {}, count);
    this.gatherContext = new SuperstepContext(MODEL, this.aggregators, parameters.gatherBroadcastSets ?? {}, count);
    this.updated = new Uint8Array(this.n).fill(1);
    const { bounds } = this.parts;
    for (let p = 0; p < parallelism; p++) {
      this.listIn.push(new FlatInbox<M>(bounds[p + 1]! - bounds[p]!));
      this.listOut.push(Array.from({ length: parallelism }, () => new MessageList<M>()));
    }
  }

  run(maxIterations: number): number {
    let superstep = 0;
    const P = this.parts.count;
    while (superstep < maxIterations) {
      superstep++;
      this.scatterContext.superstep = this.gatherContext.superstep = superstep;
      for (let p = 0; p < P; p++) this.scatterPartition(p);
      // barrier 1: every partition's messages reach their destination's inbox, in partition order
      for (let q = 0; q < P; q++) {
        const lists = this.listOut.map((row) => row[q]!);
        this.listIn[q]!.fill(lists);
        for (const list of lists) list.clear();
      }
      this.updates = 0;
      for (let p = 0; p < P; p++) this.gatherPartition(p);
      // barrier 2: the superstep's aggregates
      this.aggregators.merge();
      if (this.updates === 0) break;
    }
    return superstep;
  }

  private enter(p: number, v: number): void {
    this.partition = p;
    this.current = v;
    this.vertex.id = v;
    this.vertex.value = this.values[v]!;
  }

  private scatterPartition(p: number): void {
    this.scatterContext.partition = p;
    this.partition = p;
    this.scatter.preSuperstep();
    const updated = this.updated;
    for (let v = this.parts.bounds[p]!, end = this.parts.bounds[p + 1]!; v < end; v++) {
      if (updated[v] === 0) continue;
      updated[v] = 0;
      this.enter(p, v);
      this.edgesUsed = false;
      this.scatter.sendMessages(this.vertex);
    }
    this.scatter.postSuperstep();
  }

  private gatherPartition(p: number): void {
    this.gatherContext.partition = p;
    this.partition = p;
    this.gather.preSuperstep();
    const start = this.parts.bounds[p]!;
    const inbox = this.listIn[p]!;
    const offsets = inbox.offsets;
    for (let v = start, end = this.parts.bounds[p + 1]!; v < end; v++) {
      const from = offsets[v - start]!;
      const to = offsets[v - start + 1]!;
      if (from === to) continue;
      this.enter(p, v);
      this.valueSet = false;
      this.gather.updateVertex(this.vertex, this.messages.reset(inbox.values, from, to));
    }
    this.gather.postSuperstep();
  }

  inDegree(): number {
    const g = this.csr;
    return this.withDegrees ? g.inOffsets[this.current + 1]! - g.inOffsets[this.current]! : -1;
  }

  outDegree(): number {
    const g = this.csr;
    return this.withDegrees ? g.outOffsets[this.current + 1]! - g.outOffsets[this.current]! : -1;
  }

  setValue(value: VV): void {
    if (this.valueSet) throw new Error(`${MODEL}: setNewVertexValue was called twice for vertex ${this.current} in superstep ${this.gatherContext.superstep}; call it at most once per updateVertex`);
    this.valueSet = true;
    this.values[this.current] = value;
    this.updated[this.current] = 1;
    this.updates++;
  }

  edges(): Iterable<Edge<EV>> {
    this.useEdges();
    return this.edgeIterator.reset(this.current);
  }

  private useEdges(): void {
    if (this.edgesUsed) throw new Error(`${MODEL}: vertex ${this.current} used getEdges() or sendMessageToAllNeighbors() twice in one sendMessages; use either one, once`);
    this.edgesUsed = true;
  }

  send(target: number, m: M): void {
    if ((target >>> 0) !== target || target >= this.n) throw new RangeError(`${MODEL}: vertex ${this.current} sent a message to ${target}, which is not a vertex (dense ids are 0..${this.n - 1})`);
    this.deliver(target, m);
  }

  sendToAllNeighbors(m: M): void {
    this.useEdges();
    const g = this.csr;
    const v = this.current;
    if (this.direction !== "in") for (let i = g.outOffsets[v]!, end = g.outOffsets[v + 1]!; i < end; i++) this.deliver(g.outTargets[i]!, m);
    if (this.direction !== "out") for (let i = g.inOffsets[v]!, end = g.inOffsets[v + 1]!; i < end; i++) this.deliver(g.inSources[i]!, m);
  }

  private deliver(t: number, m: M): void {
    const parts = this.parts;
    const q = parts.count === 1 ? 0 : parts.owner[t]!;
    this.listOut[this.partition]![q]!.push(t - parts.bounds[q]!, m);
  }
}
