// Flink Gelly's vertex-centric iteration (pregel.VertexCentricIteration; Malewicz et al. 2010, "Pregel"): in
// superstep 1 every vertex runs the ComputeFunction with no messages; in superstep k > 1 exactly the vertices that
// were sent a message in superstep k - 1 run it, reading those messages. The iteration stops after a superstep that
// sent no message, or after maxIterations supersteps. Messages travel along out-edges (sendMessageToAllNeighbors,
// getEdges) or to any vertex (sendMessageTo). Each superstep runs every vertex-range partition over its inbox into
// per-destination outboxes, then a barrier swaps inboxes and merges aggregators; results do not depend on the
// partition count (except for the rounding of a floating-point combiner such as sum, whose partial sums differ).
import type { CsrGraph } from "../graph/csr.js";
import { type AggregatorFactories, PartitionedAggregators } from "./aggregator.js";
import { EdgeIterator } from "./edge-iterator.js";
import { checkInput, type Edge, type IterationInput, type IterationResult, type Vertex } from "./iteration-input.js";
import { FlatInbox, MessageList, SlotBlock } from "./message-blocks.js";
import type { MessageCombiner } from "./message-combiner.js";
import { MessageIterator } from "./message-iterator.js";
import { type BroadcastSets, CONTEXT, IterationFunction, SuperstepContext } from "./superstep-context.js";
import { partitionVertices, type VertexPartitions } from "./vertex-partitions.js";

const MODEL = "VertexCentricIteration";

/** Flink's VertexCentricConfiguration (name and unmanaged solution set have no meaning here). */
export interface VertexCentricConfiguration {
  /** Vertex-range partitions per superstep (default 1). */
  readonly parallelism?: number;
  readonly aggregators?: AggregatorFactories;
  readonly broadcastSets?: BroadcastSets;
  /** Give getNumberOfVertices() the vertex count (Flink's setOptNumVertices); default false (-1). */
  readonly numberOfVertices?: boolean;
}

const ENGINE: unique symbol = Symbol("vertex-centric engine");

/** Flink's ComputeFunction: extend it and implement compute. The send and edge methods work only inside compute. */
export abstract class ComputeFunction<VV, EV, M> extends IterationFunction {
  [ENGINE]: VertexCentricEngine<VV, EV, M> | undefined;

  /** Runs once per superstep for every active vertex (all in superstep 1, then those that were sent messages). */
  abstract compute(vertex: Vertex<VV>, messages: MessageIterator<M>): void;

  /** The vertex's out-edges; at most once per compute, and not together with sendMessageToAllNeighbors. */
  getEdges(): Iterable<Edge<EV>> {
    return this.engine().edges();
  }

  /** Sends m along every out-edge (a parallel edge sends it twice); at most once, and not together with getEdges. */
  sendMessageToAllNeighbors(m: M): void {
    this.engine().sendToAllNeighbors(m);
  }

  /** Sends m to vertex `target` (a dense id), delivered in the next superstep. */
  sendMessageTo(target: number, m: M): void {
    this.engine().send(target, m);
  }

  /** Sets the vertex's new value; at most once per compute. */
  setNewVertexValue(value: VV): void {
    this.engine().setValue(value);
  }

  private engine(): VertexCentricEngine<VV, EV, M> {
    const e = this[ENGINE];
    if (e === undefined) throw new Error(`${MODEL}: send, edge and value methods work only while compute runs`);
    return e;
  }
}

/**
 * Runs a vertex-centric iteration (Flink's graph.runVertexCentricIteration(computeFunction, combiner, maxIterations,
 * parameters)) and returns the final vertex values. `combiner` may be null (every message is kept, in sender order).
 */
export function runVertexCentricIteration<VV, EV, M>(
  input: IterationInput<VV, EV>,
  computeFunction: ComputeFunction<VV, EV, M>,
  combiner: MessageCombiner<M> | null,
  maxIterations: number,
  parameters: VertexCentricConfiguration = {},
): IterationResult<VV> {
  const parallelism = parameters.parallelism ?? 1;
  checkInput(MODEL, input, maxIterations, parallelism);
  const engine = new VertexCentricEngine<VV, EV, M>(input, computeFunction, combiner, parallelism, parameters);
  computeFunction[ENGINE] = engine;
  computeFunction[CONTEXT] = engine.context;
  try {
    const supersteps = engine.run(maxIterations);
    return { vertexValues: engine.values, supersteps, aggregates: engine.context.aggregators.last() };
  } finally {
    computeFunction[ENGINE] = undefined;
    computeFunction[CONTEXT] = undefined;
  }
}

// how messages are held: 0 uncombined lists, then the combiner kinds
const LISTED = 0, SUM = 1, MIN = 2, MAX = 3, CUSTOM = 4;

/**
 * An empty slot of a sum-combined inbox holds -0 and every message is added as m + 0 (which turns -0 into +0): a sum
 * of numbers none of which is -0 is never -0 in IEEE arithmetic, so "slot is -0" means "no message", and sending needs
 * no presence store. A vertex sent only -0 therefore sees one message +0, equal under ===.
 */
const EMPTY_SUM = -0;

/**
 * A sum-combined superstep whose broadcasts cover more than 1/PULL_WHEN_EDGES_OVER of the edges is delivered by
 * pulling over the in-edges of every vertex, a sparser one by pushing along the broadcasters' out-edges. A random
 * add costs about two random reads, and the pull reads every edge: so the break-even is near half; a third leans to
 * the pull, whose loads are independent. PageRank broadcasts on every edge and always pulls.
 */
const PULL_WHEN_EDGES_OVER = 3;

class VertexCentricEngine<VV, EV, M> {
  readonly values: VV[];
  readonly context: SuperstepContext;
  private readonly n: number;
  private readonly outOffsets: Int32Array;
  private readonly outTargets: Int32Array;
  private readonly inOffsets: Int32Array;
  private readonly inSources: Int32Array;
  /** Sum combiner: broadcast[v] is what v sent to all its out-neighbours this superstep, -0 when it did not. */
  private readonly broadcast: Float64Array;
  private broadcastEdges = 0;
  private readonly parts: VertexPartitions;
  private readonly kind: number;
  private readonly combine: ((a: M, b: M) => M) | null;
  /** slotIn[q]: partition q's combined inbox; slotOut[p][q]: what partition p sends to q this superstep. */
  private slotIn: SlotBlock<M>[] = [];
  private readonly slotOut: SlotBlock<M>[][] = [];
  private readonly listIn: FlatInbox<M>[] = [];
  private readonly listOut: MessageList<M>[][] = [];
  private readonly messages: MessageIterator<M>;
  private readonly edgeIterator: EdgeIterator<EV>;
  private readonly vertex: Vertex<VV>;
  // the vertex compute is running for
  private partition = 0;
  private current = 0;
  private edgesUsed = false;
  private valueSet = false;
  private sent = 0;

  constructor(input: IterationInput<VV, EV>, private readonly fn: ComputeFunction<VV, EV, M>, combiner: MessageCombiner<M> | null, parallelism: number, parameters: VertexCentricConfiguration) {
    const csr: CsrGraph = input.csr;
    this.n = csr.vertexCount;
    this.outOffsets = csr.outOffsets;
    this.outTargets = csr.outTargets;
    this.inOffsets = csr.inOffsets;
    this.inSources = csr.inSources;
    this.values = input.vertexValues.slice();
    // why a real first value: see MessageIterator's constructor (a number field that started as undefined stays boxed)
    this.vertex = { id: 0, value: this.values[0] as VV };
    this.parts = partitionVertices(this.n, parallelism);
    this.edgeIterator = new EdgeIterator(csr, input.edgeValues, "out");
    const aggregators = new PartitionedAggregators(MODEL, parameters.aggregators ?? {}, parallelism);
    this.context = new SuperstepContext(MODEL, aggregators, parameters.broadcastSets ?? {}, parameters.numberOfVertices === true ? this.n : -1);
    this.kind = combiner === null ? LISTED : combiner.kind === "sum" ? SUM : combiner.kind === "min" ? MIN : combiner.kind === "max" ? MAX : CUSTOM;
    this.combine = combiner !== null && combiner.kind === "custom" ? combiner.combine : null;
    const numeric = this.kind === SUM || this.kind === MIN || this.kind === MAX || (combiner?.kind === "custom" && combiner.numeric === true);
    this.broadcast = new Float64Array(this.kind === SUM ? this.n : 0).fill(EMPTY_SUM);
    this.messages = new MessageIterator<M>(numeric ? (0 as M) : undefined);
    const identity = this.kind === SUM ? EMPTY_SUM : this.kind === MIN ? Number.POSITIVE_INFINITY : this.kind === MAX ? Number.NEGATIVE_INFINITY : 0;
    const { bounds } = this.parts;
    for (let p = 0; p < parallelism; p++) {
      if (this.kind === LISTED) {
        this.listIn.push(new FlatInbox<M>(bounds[p + 1]! - bounds[p]!));
        this.listOut.push(Array.from({ length: parallelism }, () => new MessageList<M>()));
      } else {
        this.slotIn.push(new SlotBlock<M>(bounds[p + 1]! - bounds[p]!, numeric, identity));
        this.slotOut.push(Array.from({ length: parallelism }, (_, q) => new SlotBlock<M>(bounds[q + 1]! - bounds[q]!, numeric, identity)));
      }
    }
  }

  run(maxIterations: number): number {
    let superstep = 0;
    while (superstep < maxIterations) {
      superstep++;
      this.context.superstep = superstep;
      this.sent = 0;
      for (let p = 0; p < this.parts.count; p++) this.computePartition(p, superstep);
      this.barrier();
      if (this.sent === 0) break;
    }
    return superstep;
  }

  private computePartition(p: number, superstep: number): void {
    this.partition = p;
    this.context.partition = p;
    const fn = this.fn;
    fn.preSuperstep();
    const start = this.parts.bounds[p]!;
    const end = this.parts.bounds[p + 1]!;
    const messages = this.messages;
    if (superstep === 1) {
      // no messages in the first superstep: every vertex runs once
      for (let v = start; v < end; v++) this.call(v, messages.reset([], 0, 0));
    } else if (this.kind === LISTED) {
      const inbox = this.listIn[p]!;
      const offsets = inbox.offsets;
      for (let v = start; v < end; v++) {
        const from = offsets[v - start]!;
        const to = offsets[v - start + 1]!;
        if (from !== to) this.call(v, messages.reset(inbox.values, from, to));
      }
    } else {
      const inbox = this.slotIn[p]!;
      const present = inbox.present;
      const values = inbox.values;
      if (this.kind === SUM) {
        const sums = values as Float64Array;
        for (let v = start; v < end; v++) {
          const l = v - start;
          const x = sums[l]!;
          if (x === 0 && 1 / x < 0) continue; // -0: no message (see EMPTY_SUM)
          this.call(v, messages.reset(values as ArrayLike<M>, l, l + 1));
          sums[l] = EMPTY_SUM;
        }
      } else {
        const builtin = values instanceof Float64Array && this.kind !== CUSTOM;
        for (let v = start; v < end; v++) {
          const l = v - start;
          if (present[l] === 0) continue;
          this.call(v, messages.reset(values as ArrayLike<M>, l, l + 1));
          // consumed: the slot is empty again for when this block serves as an outbox
          present[l] = 0;
          if (builtin) (values as Float64Array)[l] = inbox.identity;
        }
      }
    }
    fn.postSuperstep();
  }

  private call(v: number, messages: MessageIterator<M>): void {
    this.current = v;
    this.edgesUsed = false;
    this.valueSet = false;
    const vertex = this.vertex;
    vertex.id = v;
    vertex.value = this.values[v]!;
    this.fn.compute(vertex, messages);
  }

  setValue(value: VV): void {
    if (this.valueSet) throw new Error(`${MODEL}: setNewVertexValue was called twice for vertex ${this.current} in superstep ${this.context.superstep}; call it at most once per compute`);
    this.valueSet = true;
    this.values[this.current] = value;
  }

  edges(): Iterable<Edge<EV>> {
    this.useEdges();
    return this.edgeIterator.reset(this.current);
  }

  private useEdges(): void {
    if (this.edgesUsed) throw new Error(`${MODEL}: vertex ${this.current} used getEdges() or sendMessageToAllNeighbors() twice in one compute; use either one, once`);
    this.edgesUsed = true;
  }

  send(target: number, m: M): void {
    if ((target >>> 0) !== target || target >= this.n) throw new RangeError(`${MODEL}: vertex ${this.current} sent a message to ${target}, which is not a vertex (dense ids are 0..${this.n - 1})`);
    this.sent++;
    if (this.kind === SUM && this.parts.count === 1) (this.slotOut[0]![0]!.values as Float64Array)[target] += (m as unknown as number) + 0;
    else this.deliver(target, m);
  }

  sendToAllNeighbors(m: M): void {
    this.useEdges();
    const v = this.current;
    const from = this.outOffsets[v]!;
    const to = this.outOffsets[v + 1]!;
    this.sent += to - from;
    const targets = this.outTargets;
    if (this.kind === SUM) {
      // recorded, not sent yet: the barrier delivers every broadcast of the superstep at once (see deliverBroadcasts)
      this.broadcast[v] = (m as unknown as number) + 0;
      this.broadcastEdges += to - from;
      return;
    }
    for (let i = from; i < to; i++) this.deliver(targets[i]!, m);
  }

  private deliver(t: number, m: M): void {
    const parts = this.parts;
    const q = parts.count === 1 ? 0 : parts.owner[t]!;
    const l = t - parts.bounds[q]!;
    const kind = this.kind;
    if (kind === LISTED) {
      this.listOut[this.partition]![q]!.push(l, m);
      return;
    }
    const block = this.slotOut[this.partition]![q]!;
    if (kind === SUM) {
      (block.values as Float64Array)[l] += (m as unknown as number) + 0;
      return;
    }
    const present = block.present;
    if (kind === CUSTOM) {
      const values = block.values as M[];
      values[l] = present[l] === 0 ? m : this.combine!(values[l]!, m);
    } else {
      const values = block.values as Float64Array;
      const x = m as unknown as number;
      const old = values[l]!;
      values[l] = kind === MIN ? (x < old ? x : old) : (x > old ? x : old);
    }
    present[l] = 1;
  }

  /** Delivers every outbox to its destination's inbox (partition order), merges aggregators. */
  private barrier(): void {
    const P = this.parts.count;
    if (this.kind === LISTED) {
      for (let q = 0; q < P; q++) {
        const lists = this.listOut.map((row) => row[q]!);
        this.listIn[q]!.fill(lists);
        for (const list of lists) list.clear();
      }
    } else {
      const pull = this.kind === SUM && this.broadcastEdges * PULL_WHEN_EDGES_OVER > this.outTargets.length;
      if (this.kind === SUM && !pull) for (let p = 0; p < P; p++) this.pushBroadcasts(p);
      for (let q = 0; q < P; q++) {
        const merged = this.slotOut[0]![q]!;
        for (let p = 1; p < P; p++) {
          const block = this.slotOut[p]![q]!;
          this.mergeInto(merged, block);
          block.clear();
        }
        // the consumed inbox (every slot emptied while computing) becomes partition 0's outbox to q
        this.slotOut[0]![q] = this.slotIn[q]!;
        this.slotIn[q] = merged;
        if (pull) this.pullBroadcasts(q);
      }
      if (this.kind === SUM) {
        this.broadcast.fill(EMPTY_SUM);
        this.broadcastEdges = 0;
      }
    }
    this.context.aggregators.merge();
  }

  /**
   * Sparse supersteps: partition p sends its vertices' broadcasts along their out-edges into its outboxes (one
   * random add per edge). Sender order, then edge order, as if sent during compute.
   */
  private pushBroadcasts(p: number): void {
    const { broadcast, outOffsets, outTargets } = this;
    const parts = this.parts;
    const row = this.slotOut[p]!;
    for (let v = parts.bounds[p]!, end = parts.bounds[p + 1]!; v < end; v++) {
      const x = broadcast[v]!;
      if (x === 0 && 1 / x < 0) continue;
      for (let i = outOffsets[v]!, to = outOffsets[v + 1]!; i < to; i++) {
        const t = outTargets[i]!;
        const q = parts.count === 1 ? 0 : parts.owner[t]!;
        (row[q]!.values as Float64Array)[t - parts.bounds[q]!] += x;
      }
    }
  }

  /**
   * Dense supersteps (Beamer et al. 2012's direction switch, as Ligra's edgeMap): each vertex of partition q sums
   * what its in-neighbours broadcast, in in-edge order — one sequential pass over the CSC with random reads, the
   * kernel's loop. A vertex that did not broadcast holds -0, which adds nothing, so a target none of whose
   * in-neighbours broadcast stays empty (-0) and does not run.
   */
  private pullBroadcasts(q: number): void {
    const { broadcast, inOffsets, inSources } = this;
    const start = this.parts.bounds[q]!;
    const end = this.parts.bounds[q + 1]!;
    const inbox = this.slotIn[q]!.values as Float64Array;
    let i = inOffsets[start]!;
    for (let v = start; v < end; v++) {
      // four partial sums break the chain of dependent additions (as the kernel)
      let a = EMPTY_SUM, b = EMPTY_SUM, c = EMPTY_SUM, e = EMPTY_SUM;
      const to = inOffsets[v + 1]!;
      for (; i + 3 < to; i += 4) {
        a += broadcast[inSources[i]!]!;
        b += broadcast[inSources[i + 1]!]!;
        c += broadcast[inSources[i + 2]!]!;
        e += broadcast[inSources[i + 3]!]!;
      }
      for (; i < to; i++) a += broadcast[inSources[i]!]!;
      inbox[v - start] += a + b + (c + e);
    }
  }

  private mergeInto(into: SlotBlock<M>, from: SlotBlock<M>): void {
    if (this.kind === SUM) {
      // an empty slot is -0, which adds nothing and keeps an empty slot empty (-0 + -0 = -0)
      const sums = into.values as Float64Array;
      const add = from.values as Float64Array;
      for (let l = 0; l < sums.length; l++) sums[l] += add[l]!;
      return;
    }
    const present = from.present;
    if (this.kind === CUSTOM) {
      const values = into.values as M[];
      const incoming = from.values as M[];
      for (let l = 0; l < present.length; l++) {
        if (present[l] === 0) continue;
        values[l] = into.present[l] === 0 ? incoming[l]! : this.combine!(values[l]!, incoming[l]!);
        into.present[l] = 1;
      }
      return;
    }
    // min and max: an empty slot holds the identity (±Infinity), so combining needs no presence test
    const values = into.values as Float64Array;
    const incoming = from.values as Float64Array;
    const min = this.kind === MIN;
    for (let l = 0; l < present.length; l++) {
      if (present[l] === 0) continue;
      const x = incoming[l]!;
      const old = values[l]!;
      values[l] = min ? (x < old ? x : old) : (x > old ? x : old);
      into.present[l] = 1;
    }
  }
}
