// Flink Gelly's Graph<K, VV, EV>: an immutable value holding vertex and edge records; every transformation returns a
// new Graph. Kernels never see the records: the graph lazily dictionary-encodes its keys (vertex i of the vertex list
// is dense id i) and builds a CsrGraph whose outEdges/inEdges name positions in the edge list, caching both.
import { CollectSink, type DataStream } from "../runtime/index.js";
import { buildCsr, type CsrGraph } from "./graph/csr.js";
import { readGraphCsv, type CsvKey, type CsvKeyType, type GraphCsvOptions } from "./graph/csv.js";
import type { GraphAlgorithm, LibraryAlgorithm, LibraryAlgorithmResults } from "./graph/graph-algorithm.js";
import { GraphResult } from "./graph/graph-result.js";
import {
  groupReduceOnEdges, groupReduceOnNeighbors, reduceOnEdges, reduceOnNeighbors,
  type EdgesFunction, type NeighborhoodInput, type NeighborsFunction, type ReduceEdgesFunction, type ReduceNeighborsFunction,
} from "./graph/neighborhoods.js";
import type { Edge, EdgeDirection, Triplet, Vertex, WidenKey } from "./graph/records.js";
import type { GraphValidator } from "./graph/validator.js";
import { valueKey } from "./graph/value-key.js";
import { VertexDictionary, type VertexKey } from "./graph/vertex-dictionary.js";
import type { EdgeList } from "./generator/edge-list.js";
import type { IterationInput } from "./iteration/iteration-input.js";
import { type ComputeFunction, runVertexCentricIteration, type VertexCentricConfiguration } from "./iteration/vertex-centric-iteration.js";
import { type GatherFunction, runScatterGatherIteration, type ScatterFunction, type ScatterGatherConfiguration } from "./iteration/scatter-gather-iteration.js";
import {
  type ApplyFunction, type GatherFunction as GSAGatherFunction, type GSAConfiguration, runGatherSumApplyIteration, type SumFunction,
} from "./iteration/gather-sum-apply-iteration.js";
import type { MessageCombiner } from "./iteration/message-combiner.js";

export type { IterationInput };

/** The dense encoding the kernels run on: dense id v is vertex v of the graph, `dictionary.keyAt(v)` its key. */
export interface GraphTopology<K extends VertexKey> {
  readonly dictionary: VertexDictionary<K>;
  readonly csr: CsrGraph;
}

export class Graph<K extends VertexKey, VV, EV> {
  private dictionaryCache: VertexDictionary<K> | null = null;
  private csrCache: CsrGraph | null = null;
  private iterationInputCache: IterationInput<VV, EV> | null = null;

  /** Trusts its input: vertex ids distinct. Edges may name missing vertices (validate() reports them). */
  private constructor(
    private readonly vertices: readonly Vertex<K, VV>[],
    private readonly edges: readonly Edge<K, EV>[],
  ) {}

  // ---- creation ---------------------------------------------------------------------------------------------------

  /** Flink's fromCollection(vertices, edges). Vertex ids must be distinct; edges may repeat (a multigraph). */
  static fromCollection<K extends VertexKey, VV, EV>(vertices: Iterable<Vertex<K, VV>>, edges: Iterable<Edge<K, EV>>): Graph<WidenKey<K>, VV, EV> {
    return Graph.fromRecords(vertices, edges) as unknown as Graph<WidenKey<K>, VV, EV>;
  }

  /** As fromCollection, keeping the key type as given: for generic code (algorithms) that already holds a K. */
  static fromRecords<K extends VertexKey, VV, EV>(vertices: Iterable<Vertex<K, VV>>, edges: Iterable<Edge<K, EV>>): Graph<K, VV, EV> {
    const vs = [...vertices].map(({ id, value }) => ({ id, value }));
    const seen = new Set<K>();
    for (const v of vs) {
      if (seen.has(v.id)) throw new Error(`Graph: vertex id ${String(v.id)} appears twice; vertex ids must be distinct (merge the duplicates first)`);
      seen.add(v.id);
    }
    return new Graph(vs, [...edges].map(({ source, target, value }) => ({ source, target, value })));
  }

  /**
   * Flink's fromCollection(edges, vertexValueInitializer): the vertices are the edge endpoints, in order of first
   * appearance (each edge's source, then its target), valued by `initialValue(id)`, or null without it (Flink's
   * NullValue).
   */
  static fromEdges<K extends VertexKey, EV>(edges: Iterable<Edge<K, EV>>): Graph<WidenKey<K>, null, EV>;
  static fromEdges<K extends VertexKey, VV, EV>(edges: Iterable<Edge<K, EV>>, initialValue: (id: WidenKey<K>) => VV): Graph<WidenKey<K>, VV, EV>;
  static fromEdges<K extends VertexKey, VV, EV>(edges: Iterable<Edge<K, EV>>, initialValue?: (id: K) => VV): Graph<K, VV | null, EV> {
    return Graph.fromEdgeRecords(edges, initialValue);
  }

  /** As fromEdges, keeping the key type as given (for generic code). */
  static fromEdgeRecords<K extends VertexKey, VV, EV>(edges: Iterable<Edge<K, EV>>, initialValue?: (id: K) => VV): Graph<K, VV | null, EV> {
    const es = Array.from(edges, ({ source, target, value }) => ({ source, target, value }));
    // the dictionary that finds the vertices is the one the kernels need: keep it
    const dictionary = new VertexDictionary<K>();
    const vertices: Vertex<K, VV | null>[] = [];
    for (let i = 0; i < es.length; i++) {
      const { source, target } = es[i]!;
      if (dictionary.find(source) < 0) {
        dictionary.intern(source);
        vertices.push({ id: source, value: initialValue === undefined ? null : initialValue(source) });
      }
      if (dictionary.find(target) < 0) {
        dictionary.intern(target);
        vertices.push({ id: target, value: initialValue === undefined ? null : initialValue(target) });
      }
    }
    const g = new Graph(vertices, es);
    g.dictionaryCache = dictionary;
    return g;
  }

  /** Flink's fromTupleDataSet(vertices, edges): [id, value] and [source, target, value] tuples. */
  static fromTuples<K extends VertexKey, VV, EV>(vertices: Iterable<readonly [K, VV]>, edges: Iterable<readonly [K, K, EV]>): Graph<WidenKey<K>, VV, EV> {
    return Graph.fromRecords(
      [...vertices].map(([id, value]) => ({ id: id as WidenKey<K>, value })),
      [...edges].map(([source, target, value]) => ({ source: source as WidenKey<K>, target: target as WidenKey<K>, value })),
    );
  }

  /** Runs two bounded streams (in one job of their environment) and builds the graph from what they produce. */
  static async fromDataStreams<K extends VertexKey, VV, EV>(vertexStream: DataStream<Vertex<K, VV>>, edgeStream: DataStream<Edge<K, EV>>): Promise<Graph<K, VV, EV>> {
    if (vertexStream.getExecutionEnvironment() === edgeStream.getExecutionEnvironment()) {
      // why one job: executeAndCollect runs every sink of the environment, so the second call would run both again
      const vertices = new CollectSink<Vertex<K, VV>>();
      vertexStream.sinkTo(vertices, "Graph vertices");
      const edges = await edgeStream.executeAndCollect("Graph.fromDataStreams");
      return Graph.fromRecords(vertices.values, edges);
    }
    const vertices = await vertexStream.executeAndCollect("Graph.fromDataStreams: vertices");
    const edges = await edgeStream.executeAndCollect("Graph.fromDataStreams: edges");
    return Graph.fromRecords(vertices, edges);
  }

  /** Runs a bounded edge stream and builds the graph as fromEdges does. */
  static async fromEdgeStream<K extends VertexKey, EV>(edgeStream: DataStream<Edge<K, EV>>): Promise<Graph<K, null, EV>>;
  static async fromEdgeStream<K extends VertexKey, VV, EV>(edgeStream: DataStream<Edge<K, EV>>, initialValue: (id: K) => VV): Promise<Graph<K, VV, EV>>;
  static async fromEdgeStream<K extends VertexKey, VV, EV>(edgeStream: DataStream<Edge<K, EV>>, initialValue?: (id: K) => VV): Promise<Graph<K, VV, EV> | Graph<K, null, EV>> {
    const edges = await edgeStream.executeAndCollect("Graph.fromEdgeStream");
    return Graph.fromEdgeRecords(edges, initialValue) as Graph<K, VV, EV>;
  }

  /** Flink's GraphCsvReader: see GraphCsvOptions for the format. */
  static async fromCsv<T extends CsvKeyType, VV = null, EV = null>(options: GraphCsvOptions<T, VV, EV>): Promise<Graph<CsvKey<T>, VV, EV>> {
    const { vertices, edges } = await readGraphCsv(options);
    if (vertices !== null) return Graph.fromRecords(vertices, edges);
    return Graph.fromEdgeRecords(edges, options.vertexValueInitializer) as Graph<CsvKey<T>, VV, EV>;
  }

  /** A generator's output (gelly/generator): vertices 0..vertexCount-1 — isolated ones included — and null values. */
  static fromEdgeList(edgeList: EdgeList): Graph<number, null, null> {
    const vertices: Vertex<number, null>[] = new Array(edgeList.vertexCount);
    for (let v = 0; v < edgeList.vertexCount; v++) vertices[v] = { id: v, value: null };
    const edges: Edge<number, null>[] = new Array(edgeList.sources.length);
    for (let i = 0; i < edges.length; i++) edges[i] = { source: edgeList.sources[i]!, target: edgeList.targets[i]!, value: null };
    const g = new Graph(vertices, edges);
    g.csrCache = buildCsr(edgeList.vertexCount, edgeList.sources, edgeList.targets);
    return g;
  }

  // ---- properties -------------------------------------------------------------------------------------------------

  /** The vertices, in the graph's vertex order (the order they were given in; additions come last). */
  getVertices(): GraphResult<Vertex<K, VV>> {
    return GraphResult.of(this.vertices);
  }

  /** The edges, in the graph's edge order. */
  getEdges(): GraphResult<Edge<K, EV>> {
    return GraphResult.of(this.edges);
  }

  getVertexIds(): GraphResult<K> {
    return new GraphResult(() => this.vertices.map((v) => v.id));
  }

  /** [source, target] of every edge (Flink's Tuple2). */
  getEdgeIds(): GraphResult<[K, K]> {
    return new GraphResult(() => this.edges.map((e): [K, K] => [e.source, e.target]));
  }

  /** [id, number of edges pointing at it] for every vertex, zeros included; parallel edges count each. */
  inDegrees(): GraphResult<[K, number]> {
    return new GraphResult(() => this.degreeRows((g, v) => g.inOffsets[v + 1]! - g.inOffsets[v]!));
  }

  /** [id, number of edges leaving it] for every vertex. */
  outDegrees(): GraphResult<[K, number]> {
    return new GraphResult(() => this.degreeRows((g, v) => g.outOffsets[v + 1]! - g.outOffsets[v]!));
  }

  /** [id, in-degree + out-degree] for every vertex (a self-loop counts twice, as Flink sums both). */
  getDegrees(): GraphResult<[K, number]> {
    return new GraphResult(() => this.degreeRows((g, v) => g.inOffsets[v + 1]! - g.inOffsets[v]! + g.outOffsets[v + 1]! - g.outOffsets[v]!));
  }

  numberOfVertices(): number {
    return this.vertices.length;
  }

  numberOfEdges(): number {
    return this.edges.length;
  }

  /** Every edge whose endpoints are both vertices, with their values, in edge order. */
  getTriplets(): GraphResult<Triplet<K, VV, EV>> {
    return new GraphResult(() => {
      const d = this.dictionary();
      const out: Triplet<K, VV, EV>[] = [];
      for (const e of this.edges) {
        const s = d.find(e.source);
        const t = d.find(e.target);
        if (s < 0 || t < 0) continue;
        out.push({ source: e.source, target: e.target, sourceValue: this.vertices[s]!.value, targetValue: this.vertices[t]!.value, edgeValue: e.value });
      }
      return out;
    });
  }

  // ---- transformations --------------------------------------------------------------------------------------------

  mapVertices<NV>(mapper: (vertex: Vertex<K, VV>) => NV): Graph<K, NV, EV> {
    return this.derive(this.vertices.map((v) => ({ id: v.id, value: mapper(v) })), this.edges);
  }

  mapEdges<NE>(mapper: (edge: Edge<K, EV>) => NE): Graph<K, VV, NE> {
    return this.derive(this.vertices, this.edges.map((e) => ({ source: e.source, target: e.target, value: mapper(e) })));
  }

  /** Renames every key (Flink's translateGraphIds); the translation must keep distinct ids distinct. */
  translateGraphIds<NK extends VertexKey>(translator: (id: K) => NK): Graph<NK, VV, EV> {
    const memo = new Map<K, NK>();
    const tr = (id: K): NK => {
      let out = memo.get(id);
      if (out === undefined) memo.set(id, (out = translator(id)));
      return out;
    };
    return Graph.fromRecords(
      this.vertices.map((v) => ({ id: tr(v.id), value: v.value })),
      this.edges.map((e) => ({ source: tr(e.source), target: tr(e.target), value: e.value })),
    );
  }

  translateVertexValues<NV>(translator: (value: VV) => NV): Graph<K, NV, EV> {
    return this.mapVertices((v) => translator(v.value));
  }

  translateEdgeValues<NE>(translator: (value: EV) => NE): Graph<K, VV, NE> {
    return this.mapEdges((e) => translator(e.value));
  }

  /** Keeps the vertices `predicate` accepts and the edges between them. */
  filterOnVertices(predicate: (vertex: Vertex<K, VV>) => boolean): Graph<K, VV, EV> {
    return this.subgraph(predicate, () => true);
  }

  /** Keeps every vertex and the edges `predicate` accepts. */
  filterOnEdges(predicate: (edge: Edge<K, EV>) => boolean): Graph<K, VV, EV> {
    return new Graph(this.vertices, this.edges.filter(predicate));
  }

  /** The vertices `vertexFilter` accepts and the edges `edgeFilter` accepts whose endpoints both survive. */
  subgraph(vertexFilter: (vertex: Vertex<K, VV>) => boolean, edgeFilter: (edge: Edge<K, EV>) => boolean): Graph<K, VV, EV> {
    const vertices = this.vertices.filter(vertexFilter);
    const kept = new Set(vertices.map((v) => v.id));
    return new Graph(vertices, this.edges.filter((e) => kept.has(e.source) && kept.has(e.target) && edgeFilter(e)));
  }

  /**
   * For each vertex with an [id, input] row, its value becomes join(value, input); other vertices keep theirs. Of
   * several rows for one id the first counts, as in Flink's coGroup.
   */
  joinWithVertices<T>(input: Iterable<readonly [K, T]>, join: (vertexValue: VV, inputValue: T) => VV): Graph<K, VV, EV> {
    const rows = firstByKey(input, (row) => row[0]);
    return this.derive(
      this.vertices.map((v) => (rows.has(v.id) ? { id: v.id, value: join(v.value, rows.get(v.id)![1]) } : v)),
      this.edges,
    );
  }

  /** For each edge with a [source, target, input] row (the first for that pair), its value becomes join(value, input). */
  joinWithEdges<T>(input: Iterable<readonly [K, K, T]>, join: (edgeValue: EV, inputValue: T) => EV): Graph<K, VV, EV> {
    const rows = new Map<K, Map<K, T>>();
    for (const [s, t, value] of input) {
      let bySource = rows.get(s);
      if (bySource === undefined) rows.set(s, (bySource = new Map()));
      if (!bySource.has(t)) bySource.set(t, value);
    }
    return this.derive(this.vertices, this.edges.map((e) => {
      const bySource = rows.get(e.source);
      return bySource !== undefined && bySource.has(e.target) ? { ...e, value: join(e.value, bySource.get(e.target)!) } : e;
    }));
  }

  /** For each edge whose source has an [id, input] row (the first for it), its value becomes join(value, input). */
  joinWithEdgesOnSource<T>(input: Iterable<readonly [K, T]>, join: (edgeValue: EV, inputValue: T) => EV): Graph<K, VV, EV> {
    const rows = firstByKey(input, (row) => row[0]);
    return this.derive(this.vertices, this.edges.map((e) => (rows.has(e.source) ? { ...e, value: join(e.value, rows.get(e.source)![1]) } : e)));
  }

  /** For each edge whose target has an [id, input] row (the first for it), its value becomes join(value, input). */
  joinWithEdgesOnTarget<T>(input: Iterable<readonly [K, T]>, join: (edgeValue: EV, inputValue: T) => EV): Graph<K, VV, EV> {
    const rows = firstByKey(input, (row) => row[0]);
    return this.derive(this.vertices, this.edges.map((e) => (rows.has(e.target) ? { ...e, value: join(e.value, rows.get(e.target)![1]) } : e)));
  }

  /** Every edge turned around, values kept. */
  reverse(): Graph<K, VV, EV> {
    return new Graph(this.vertices, this.edges.map((e) => ({ source: e.target, target: e.source, value: e.value })));
  }

  /** Each edge followed by its reverse (Flink's getUndirected: 2·m edges, duplicates and self-loops kept). */
  getUndirected(): Graph<K, VV, EV> {
    const edges: Edge<K, EV>[] = [];
    for (const e of this.edges) edges.push(e, { source: e.target, target: e.source, value: e.value });
    return new Graph(this.vertices, edges);
  }

  /**
   * The vertices of both graphs (an id in both keeps this graph's vertex) and the edges of both, duplicates kept:
   * this graph's edges, then the other's. (Flink removes duplicate vertices by id and value; an id carrying two
   * different values would leave its graph with a repeated id, which a Graph here never has.)
   */
  union(other: Graph<K, VV, EV>): Graph<K, VV, EV> {
    const ids = new Set(this.vertices.map((v) => v.id));
    return new Graph([...this.vertices, ...other.vertices.filter((v) => !ids.has(v.id))], [...this.edges, ...other.edges]);
  }

  /** This graph without the other graph's vertices (by id) and the edges touching them (Flink's difference). */
  difference(other: Graph<K, VV, EV>): Graph<K, VV, EV> {
    return this.removeVertices(other.vertices);
  }

  /**
   * The edges the two graphs share, equal meaning the same source, target and value (values compared by
   * value-key.ts). Equal edges pair off, each instance in at most one pair. `distinctEdges`: one edge per shared
   * (source, target, value); otherwise both edges of every pair (2·min(a, b) copies of an edge found a and b times).
   * The vertices are the endpoints of those edges, valued null, as Flink builds the result from its edges alone.
   */
  intersect(other: Graph<K, VV, EV>, distinctEdges: boolean): Graph<K, null, EV> {
    // the other graph's edges by source, target and value key; each list is consumed as pairs form
    const partners = new Map<K, Map<K, Map<unknown, Edge<K, EV>[]>>>();
    for (const e of other.edges) {
      let byTarget = partners.get(e.source);
      if (byTarget === undefined) partners.set(e.source, (byTarget = new Map()));
      let byValue = byTarget.get(e.target);
      if (byValue === undefined) byTarget.set(e.target, (byValue = new Map()));
      const k = valueKey(e.value);
      const list = byValue.get(k);
      if (list === undefined) byValue.set(k, [e]);
      else list.push(e);
    }
    const edges: Edge<K, EV>[] = [];
    const emitted = new Set<Edge<K, EV>[]>();
    for (const e of this.edges) {
      const list = partners.get(e.source)?.get(e.target)?.get(valueKey(e.value));
      if (list === undefined || list.length === 0) continue;
      if (!distinctEdges) edges.push(e, list.shift()!);
      else if (!emitted.has(list)) {
        emitted.add(list);
        edges.push(e);
      }
    }
    return Graph.fromEdgeRecords(edges) as Graph<K, null, EV>;
  }

  // ---- mutations --------------------------------------------------------------------------------------------------

  /** Adds the vertex unless its id is already a vertex (then the existing vertex stays, as in Flink). */
  addVertex(vertex: Vertex<K, VV>): Graph<K, VV, EV> {
    return this.addVertices([vertex]);
  }

  addVertices(vertices: Iterable<Vertex<K, VV>>): Graph<K, VV, EV> {
    const ids = new Set(this.vertices.map((v) => v.id));
    const added: Vertex<K, VV>[] = [];
    for (const v of vertices) {
      if (ids.has(v.id)) continue;
      ids.add(v.id);
      added.push({ id: v.id, value: v.value });
    }
    return added.length === 0 ? this : new Graph([...this.vertices, ...added], this.edges);
  }

  /** Adds the edge source → target, and each endpoint that is not yet a vertex (Flink: a union with that edge's graph). */
  addEdge(source: Vertex<K, VV>, target: Vertex<K, VV>, value: EV): Graph<K, VV, EV> {
    const withVertices = this.addVertices([source, target]);
    return new Graph(withVertices.vertices, [...this.edges, { source: source.id, target: target.id, value }]);
  }

  /** Adds the edges whose endpoints are both vertices; the others are ignored, as in Flink. */
  addEdges(edges: Iterable<Edge<K, EV>>): Graph<K, VV, EV> {
    const d = this.dictionary();
    const valid = [...edges].filter((e) => d.find(e.source) >= 0 && d.find(e.target) >= 0).map(({ source, target, value }) => ({ source, target, value }));
    return new Graph(this.vertices, [...this.edges, ...valid]);
  }

  /** Removes the vertex with this id and every edge touching it. */
  removeVertex(vertex: { readonly id: K; readonly value?: VV }): Graph<K, VV, EV> {
    return this.removeVertices([vertex]);
  }

  removeVertices(vertices: Iterable<{ readonly id: K; readonly value?: VV }>): Graph<K, VV, EV> {
    const gone = new Set<K>();
    for (const v of vertices) gone.add(v.id);
    return new Graph(
      this.vertices.filter((v) => !gone.has(v.id)),
      this.edges.filter((e) => !gone.has(e.source) && !gone.has(e.target)),
    );
  }

  /** Removes every edge from edge.source to edge.target, whatever its value (Flink matches on the endpoints only). */
  removeEdge(edge: { readonly source: K; readonly target: K; readonly value?: EV }): Graph<K, VV, EV> {
    return this.removeEdges([edge]);
  }

  /** Removes every edge whose (source, target) is that of one of `edges`. */
  removeEdges(edges: Iterable<{ readonly source: K; readonly target: K; readonly value?: EV }>): Graph<K, VV, EV> {
    const gone = new Map<K, Set<K>>();
    for (const e of edges) {
      let targets = gone.get(e.source);
      if (targets === undefined) gone.set(e.source, (targets = new Set()));
      targets.add(e.target);
    }
    return new Graph(this.vertices, this.edges.filter((e) => !(gone.get(e.source)?.has(e.target) ?? false)));
  }

  // ---- neighbourhoods ---------------------------------------------------------------------------------------------

  /** [id, edge values combined by `reduce`] per vertex having edges in `direction` (IN, OUT or ALL), in vertex order. */
  reduceOnEdges(reduce: ReduceEdgesFunction<EV>, direction: EdgeDirection): GraphResult<[K, EV]> {
    return new GraphResult(() => reduceOnEdges(this.neighborhoodInput(), reduce, direction));
  }

  /** [id, neighbour values combined by `reduce`] per vertex having neighbours in `direction`, in vertex order. */
  reduceOnNeighbors(reduce: ReduceNeighborsFunction<VV>, direction: EdgeDirection): GraphResult<[K, VV]> {
    return new GraphResult(() => reduceOnNeighbors(this.neighborhoodInput(), reduce, direction));
  }

  /**
   * Calls `fn(vertex, edges, out)` for every vertex — one without edges in `direction` too, with no edges — and
   * returns what it collects. Edges come OUT first, then IN (for ALL), each in edge order.
   */
  groupReduceOnEdges<T>(fn: EdgesFunction<K, VV, EV, T>, direction: EdgeDirection): GraphResult<T> {
    return new GraphResult(() => groupReduceOnEdges(this.neighborhoodInput(), fn, direction));
  }

  /** As groupReduceOnEdges, each edge paired with the vertex at its other end ({ edge, neighbor }). */
  groupReduceOnNeighbors<T>(fn: NeighborsFunction<K, VV, EV, T>, direction: EdgeDirection): GraphResult<T> {
    return new GraphResult(() => groupReduceOnNeighbors(this.neighborhoodInput(), fn, direction));
  }

  // ---- validation and algorithms ----------------------------------------------------------------------------------

  validate(validator: GraphValidator<K, VV, EV>): boolean {
    return validator.validate(this);
  }

  /**
   * Runs a library algorithm on this graph (its result type looked up by name in LibraryAlgorithmResults), or any
   * GraphAlgorithm: `algorithm.run(this)`.
   */
  run<N extends keyof LibraryAlgorithmResults<K, VV, EV>>(algorithm: LibraryAlgorithm<N>): LibraryAlgorithmResults<K, VV, EV>[N];
  run<T>(algorithm: GraphAlgorithm<K, VV, EV, T>): T;
  run(algorithm: GraphAlgorithm<K, VV, EV, unknown>): unknown {
    return algorithm.run(this);
  }

  // ---- iteration models (gelly/iteration/) -------------------------------------------------------------------------
  // Inside a model, vertices are the graph's dense ids (0..n-1 in vertex order: `topology().dictionary.keyAt(id)` is
  // the key), so messages go to numbers, not keys — the models run on typed arrays. The result is this graph with
  // the final vertex values.

  /** Flink's runVertexCentricIteration (Pregel): see gelly/iteration/vertex-centric-iteration.ts. */
  runVertexCentricIteration<M>(computeFunction: ComputeFunction<VV, EV, M>, combiner: MessageCombiner<M> | null, maxIterations: number, parameters?: VertexCentricConfiguration): Graph<K, VV, EV> {
    return this.withVertexValues(runVertexCentricIteration(this.iterationInput(), computeFunction, combiner, maxIterations, parameters).vertexValues);
  }

  /** Flink's runScatterGatherIteration: see gelly/iteration/scatter-gather-iteration.ts. */
  runScatterGatherIteration<M>(scatterFunction: ScatterFunction<VV, EV, M>, gatherFunction: GatherFunction<VV, EV, M>, maxIterations: number, parameters?: ScatterGatherConfiguration): Graph<K, VV, EV> {
    return this.withVertexValues(runScatterGatherIteration(this.iterationInput(), scatterFunction, gatherFunction, maxIterations, parameters).vertexValues);
  }

  /** Flink's runGatherSumApplyIteration: see gelly/iteration/gather-sum-apply-iteration.ts. */
  runGatherSumApplyIteration<M>(
    gatherFunction: GSAGatherFunction<VV, EV, M>,
    sumFunction: SumFunction<VV, EV, M>,
    applyFunction: ApplyFunction<VV, M>,
    maxIterations: number,
    parameters?: GSAConfiguration,
  ): Graph<K, VV, EV> {
    return this.withVertexValues(runGatherSumApplyIteration(this.iterationInput(), gatherFunction, sumFunction, applyFunction, maxIterations, parameters).vertexValues);
  }

  private withVertexValues(values: readonly VV[]): Graph<K, VV, EV> {
    return new Graph(this.vertices.map((v, i): Vertex<K, VV> => ({ id: v.id, value: values[i] as VV })), this.edges);
  }

  /** Edge endpoints that are not vertices, each once, in order of appearance (what InvalidVertexIdsValidator checks). */
  invalidEdgeEndpoints(): K[] {
    const d = this.dictionary();
    const invalid = new Set<K>();
    for (const e of this.edges) {
      if (d.find(e.source) < 0) invalid.add(e.source);
      if (d.find(e.target) < 0) invalid.add(e.target);
    }
    return [...invalid];
  }

  // ---- the dense view for kernels and iteration models (used inside gelly/) ---------------------------------------

  /**
   * The dictionary (dense id v = vertex v) and the CSR (edge slots naming input edge positions), built once. Throws
   * when an edge names a missing vertex: kernels need every endpoint to be a vertex.
   */
  topology(): GraphTopology<K> {
    return { dictionary: this.dictionary(), csr: this.csr() };
  }

  /**
   * What the iteration models (gelly/iteration/) run on: the CSR, vertex values in dense-id order and edge values by
   * input position, matching csr.outEdges/inEdges. The arrays are the graph's own: do not modify them.
   */
  iterationInput(): IterationInput<VV, EV> {
    if (this.iterationInputCache === null) {
      this.iterationInputCache = { csr: this.csr(), vertexValues: this.vertices.map((v) => v.value), edgeValues: this.edges.map((e) => e.value) };
    }
    return this.iterationInputCache;
  }

  private dictionary(): VertexDictionary<K> {
    if (this.dictionaryCache === null) {
      const d = new VertexDictionary<K>();
      for (const v of this.vertices) d.intern(v.id);
      this.dictionaryCache = d;
    }
    return this.dictionaryCache;
  }

  private csr(): CsrGraph {
    if (this.csrCache === null) {
      const d = this.dictionary();
      const m = this.edges.length;
      const sources = new Int32Array(m);
      const targets = new Int32Array(m);
      for (let i = 0; i < m; i++) {
        const e = this.edges[i]!;
        const s = d.find(e.source);
        const t = d.find(e.target);
        if (s < 0 || t < 0) {
          throw new Error(
            `Graph: edge ${i} (${String(e.source)} -> ${String(e.target)}) names ${String(s < 0 ? e.source : e.target)}, which is not a vertex; ` +
              `add the vertex (addVertex) or drop such edges (filterOnEdges) — validate(new InvalidVertexIdsValidator()) finds them`,
          );
        }
        sources[i] = s;
        targets[i] = t;
      }
      this.csrCache = buildCsr(d.size, sources, targets);
    }
    return this.csrCache;
  }

  private neighborhoodInput(): NeighborhoodInput<K, VV, EV> {
    return { csr: this.csr(), vertices: this.vertices, edges: this.edges };
  }

  private degreeRows(degreeOf: (g: CsrGraph, v: number) => number): [K, number][] {
    const g = this.csr();
    return this.vertices.map((vertex, v): [K, number] => [vertex.id, degreeOf(g, v)]);
  }

  /** A graph with the same vertex ids and edge endpoints in the same order (only values differ): caches carry over. */
  private derive<NV, NE>(vertices: readonly Vertex<K, NV>[], edges: readonly Edge<K, NE>[]): Graph<K, NV, NE> {
    const g = new Graph(vertices, edges);
    g.dictionaryCache = this.dictionaryCache;
    g.csrCache = this.csrCache;
    return g;
  }
}

function firstByKey<K, R>(rows: Iterable<R>, keyOf: (row: R) => K): Map<K, R> {
  const out = new Map<K, R>();
  for (const row of rows) if (!out.has(keyOf(row))) out.set(keyOf(row), row);
  return out;
}
