// Shared by the streaming graph tests: timestamped edge streams (random ones for properties, the networkx fixtures),
// a runner that feeds one through a job and collects the result, and brute-force oracles written independently of
// the operators (adjacency matrices, breadth-first search, triple loops).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { CollectSink, type DataStream, GeneratorSource, StreamExecutionEnvironment, WatermarkStrategy } from "../../../runtime/index.js";
import type { Edge } from "../../../gelly/streaming/index.js";

/** An edge whose value is its event timestamp. */
export type TimedEdge = Edge<number, number>;

export interface EdgeStream {
  readonly vertexCount: number;
  readonly edges: readonly TimedEdge[];
  /** No edge is more than this many ms older than one before it: the watermark bound that makes none late. */
  readonly bound: number;
}

/** Random multigraph streams (self-loops and repeats included), timestamps out of order by at most `bound`. */
export const edgeStreamArb: fc.Arbitrary<EdgeStream> = fc
  .record({ vertexCount: fc.integer({ min: 1, max: 14 }), bound: fc.integer({ min: 0, max: 30 }), gap: fc.integer({ min: 1, max: 12 }) })
  .chain(({ vertexCount, bound, gap }) =>
    fc
      .array(fc.record({ s: fc.nat(vertexCount - 1), t: fc.nat(vertexCount - 1), jitter: fc.nat(bound) }), { maxLength: 70 })
      .map((xs) => ({ vertexCount, bound, edges: xs.map((x, i) => ({ source: x.s, target: x.t, value: 1000 + i * gap - x.jitter })) })),
  );

/**
 * Runs `build` over the stream (one source, so every run sees the edges in one order) and collects its output in one
 * sink. The source reads `batch` edges at a time and the watermark follows each batch, so small batches make windows
 * fire while edges still flow (with the default 512, a small stream would fire every window at its end).
 */
export async function runOnEdges<T>(stream: EdgeStream, parallelism: number, build: (edges: DataStream<TimedEdge>) => DataStream<T>, batch = 4): Promise<T[]> {
  const env = StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(parallelism);
  env.getConfig().setBatchSize(batch);
  const edges = env
    .fromSource(new GeneratorSource((i) => stream.edges[i]!, stream.edges.length), WatermarkStrategy.forBoundedOutOfOrderness<TimedEdge>(stream.bound).withTimestampAssigner((e) => e.value), "Edges")
    .setParallelism(1);
  const sink = new CollectSink<T>();
  // why one sink subtask: the records then arrive in the order the operator emitted them when it runs alone
  build(edges).sinkTo(sink, "Collect").setParallelism(1);
  await env.execute("gelly-streaming test");
  return sink.values;
}

/**
 * Runs `build` at parallelism 1 over edges whose watermark follows each edge at once (timestamp - 1), so an edge older
 * than one before it is late everywhere, deterministically.
 */
export async function runPunctuated<T>(edges: readonly TimedEdge[], build: (edges: DataStream<TimedEdge>) => DataStream<T>): Promise<T[]> {
  const env = StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(1);
  const punctuated = WatermarkStrategy.forGenerator<TimedEdge>(() => {
    let max = Number.NEGATIVE_INFINITY;
    return {
      onEvent: (_e, ts, out) => {
        if (ts > max) out.emitWatermark((max = ts) - 1);
      },
      onPeriodicEmit: () => {},
    };
  }).withTimestampAssigner((e) => e.value);
  const sink = new CollectSink<T>();
  build(env.fromSource(new GeneratorSource((i) => edges[i]!, edges.length), punctuated, "Edges")).sinkTo(sink, "Collect");
  await env.execute("gelly-streaming late edges");
  return sink.values;
}

export function windowEnd(ts: number, size: number): number {
  return Math.floor(ts / size) * size + size;
}

/** Degree per vertex: how many edges leave (out), arrive (in), or touch it counted per endpoint (all). */
export function countDegrees(edges: readonly TimedEdge[], direction: "in" | "out" | "all", distinct: boolean): Map<number, number> {
  const seen = new Set<string>();
  const degree = new Map<number, number>();
  const bump = (v: number) => degree.set(v, (degree.get(v) ?? 0) + 1);
  for (const e of edges) {
    if (distinct) {
      const id = `${e.source}>${e.target}`;
      if (seen.has(id)) continue;
      seen.add(id);
    }
    if (direction !== "in") bump(e.source);
    if (direction !== "out") bump(e.target);
  }
  return degree;
}

/** Component of every vertex the edges touch: the smallest vertex reachable ignoring direction (breadth-first search). */
export function bfsComponents(edges: readonly TimedEdge[]): Map<number, number> {
  const adjacency = new Map<number, number[]>();
  const link = (a: number, b: number) => adjacency.set(a, [...(adjacency.get(a) ?? []), b]);
  for (const e of edges) {
    link(e.source, e.target);
    link(e.target, e.source);
  }
  const label = new Map<number, number>();
  for (const start of [...adjacency.keys()].sort((a, b) => a - b)) {
    if (label.has(start)) continue;
    const queue = [start];
    label.set(start, start);
    while (queue.length > 0) {
      for (const w of adjacency.get(queue.shift()!)!) {
        if (!label.has(w)) {
          label.set(w, start);
          queue.push(w);
        }
      }
    }
  }
  return label;
}

/** Expected component changes per window: the vertices whose BFS label after the window differs from before it. */
export function componentChangesPerWindow(edges: readonly TimedEdge[], size: number): { windowEnd: number; changes: [number, number][] }[] {
  const ends = [...new Set(edges.map((e) => windowEnd(e.value, size)))].sort((a, b) => a - b);
  let before = new Map<number, number>();
  return ends.map((end) => {
    const after = bfsComponents(edges.filter((e) => windowEnd(e.value, size) <= end));
    const changes: [number, number][] = [...after].filter(([v, l]) => before.get(v) !== l).sort((a, b) => a[0] - b[0]);
    before = after;
    return { windowEnd: end, changes };
  });
}

/**
 * Triangles per window of the undirected simple graph of its edges, in all and per vertex with an edge in it, for
 * windows with an edge between two vertices.
 */
export function trianglesPerWindow(edges: readonly TimedEdge[], size: number): { windowEnd: number; triangles: number; perVertex: [number, number][] }[] {
  const byWindow = new Map<number, TimedEdge[]>();
  for (const e of edges) {
    if (e.source === e.target) continue;
    const end = windowEnd(e.value, size);
    byWindow.set(end, [...(byWindow.get(end) ?? []), e]);
  }
  return [...byWindow]
    .sort((a, b) => a[0] - b[0])
    .map(([end, es]) => {
      const n = Math.max(...es.map((e) => Math.max(e.source, e.target))) + 1;
      const adjacent: boolean[][] = Array.from({ length: n }, () => new Array<boolean>(n).fill(false));
      for (const e of es) adjacent[e.source]![e.target] = adjacent[e.target]![e.source] = true;
      let triangles = 0;
      const perVertex = new Map<number, number>();
      for (const e of es) perVertex.set(e.source, 0).set(e.target, 0);
      for (let a = 0; a < n; a++) {
        for (let b = a + 1; b < n; b++) {
          for (let c = b + 1; c < n; c++) {
            if (!(adjacent[a]![b] && adjacent[b]![c] && adjacent[a]![c])) continue;
            triangles++;
            for (const v of [a, b, c]) perVertex.set(v, perVertex.get(v)! + 1);
          }
        }
      }
      return { windowEnd: end, triangles, perVertex: [...perVertex].sort((x, y) => x[0] - y[0]) };
    });
}

export interface FixtureCase {
  readonly name: string;
  readonly windowSize: number;
  readonly edges: readonly [number, number, number][];
  readonly degrees: Record<"in" | "out" | "all", [number, number][]>;
  readonly componentChanges: { windowEnd: number; changes: [number, number][] }[];
  readonly windowTriangles: Record<string, { windowEnd: number; triangles: number; perVertex: [number, number][] }[]>;
}

/** The networkx fixtures (fixtures/make_streaming_fixtures.py), with each case's edges as a stream. */
export function fixtureCases(): (FixtureCase & { stream: EdgeStream })[] {
  const path = fileURLToPath(new URL("./fixtures/streaming.json", import.meta.url));
  const cases = (JSON.parse(readFileSync(path, "utf8")) as { cases: FixtureCase[] }).cases;
  return cases.map((c) => ({
    ...c,
    stream: { vertexCount: 1 + Math.max(...c.edges.map(([s, t]) => Math.max(s, t))), bound: 0, edges: c.edges.map(([source, target, value]) => ({ source, target, value })) },
  }));
}
