// Properties of the Graph API against a brute-force model on plain arrays (fast-check): set operations, subgraphs,
// reverse/getUndirected, degrees, neighbourhood reductions and mutations on small random multigraphs with loops.
import test, { type ExecutionContext } from "ava";
import fc from "fast-check";
import { Graph } from "../../../gelly/graph.js";
import { EdgeDirection, type Edge, type Vertex } from "../../../gelly/graph/records.js";
import { assertProperty } from "../../helpers/property.js";

interface Model { vertices: Vertex<number, number>[]; edges: Edge<number, number>[] }

/** Distinct ids from 0..11 valued by small integers, and edges between them valued 0..2 (repeats and loops allowed). */
const model: fc.Arbitrary<Model> = fc.uniqueArray(fc.integer({ min: 0, max: 11 }), { maxLength: 8 }).chain((ids) =>
  fc.record({
    vertices: fc.constant(ids.map((id) => ({ id, value: id * 10 }))),
    edges: ids.length === 0 ? fc.constant([]) : fc.array(fc.record({ source: fc.constantFrom(...ids), target: fc.constantFrom(...ids), value: fc.integer({ min: 0, max: 2 }) }), { maxLength: 20 }),
  }));

const graphOf = (m: Model): Graph<number, number, number> => Graph.fromCollection(m.vertices, m.edges);
const key = (e: Edge<number, number>): string => `${e.source}>${e.target}:${e.value}`;
const multiset = (edges: readonly Edge<number, number>[]): string[] => edges.map(key).sort();
const same = (a: readonly unknown[], b: readonly unknown[]): boolean => JSON.stringify(a) === JSON.stringify(b);
const run = <Ts extends unknown[]>(t: ExecutionContext, p: fc.IAsyncPropertyWithHooks<Ts>): Promise<void> =>
  assertProperty(t, p, { file: import.meta.url, numRuns: 200 });

test("union: this graph's vertices then the other's new ids; both edge lists, duplicates kept", async (t) => {
  await run(t, fc.asyncProperty(model, model, async (a, b) => {
    const u = graphOf(a).union(graphOf(b));
    const ids = new Set(a.vertices.map((v) => v.id));
    return same(await u.getVertices().collect(), [...a.vertices, ...b.vertices.filter((v) => !ids.has(v.id))]) && same(await u.getEdges().collect(), [...a.edges, ...b.edges]);
  }));
});

test("difference: the vertices not in the other graph and the edges between them", async (t) => {
  await run(t, fc.asyncProperty(model, model, async (a, b) => {
    const gone = new Set(b.vertices.map((v) => v.id));
    const d = graphOf(a).difference(graphOf(b));
    return same(await d.getVertices().collect(), a.vertices.filter((v) => !gone.has(v.id))) && same(await d.getEdges().collect(), a.edges.filter((e) => !gone.has(e.source) && !gone.has(e.target)));
  }));
});

test("intersect: 2·min(a, b) copies of each shared edge, or one with distinctEdges; vertices are their endpoints", async (t) => {
  await run(t, fc.asyncProperty(model, model, async (a, b) => {
    const count = (edges: Edge<number, number>[]): Map<string, number> => edges.reduce((m, e) => m.set(key(e), (m.get(key(e)) ?? 0) + 1), new Map<string, number>());
    const ca = count(a.edges);
    const cb = count(b.edges);
    const pairs: string[] = [];
    const distinct: string[] = [];
    for (const [k, n] of ca) {
      const m = Math.min(n, cb.get(k) ?? 0);
      for (let i = 0; i < 2 * m; i++) pairs.push(k);
      if (m > 0) distinct.push(k);
    }
    const gp = graphOf(a).intersect(graphOf(b), false);
    const gd = graphOf(a).intersect(graphOf(b), true);
    const endpoints = new Set((await gp.getEdges().collect()).flatMap((e) => [e.source, e.target]));
    const vertices = await gp.getVertices().collect();
    return same(multiset(await gp.getEdges().collect()), pairs.sort()) && same(multiset(await gd.getEdges().collect()), distinct.sort())
      && vertices.length === endpoints.size && vertices.every((v) => endpoints.has(v.id) && v.value === null);
  }));
});

test("subgraph, reverse and getUndirected equal their definitions on arrays", async (t) => {
  await run(t, fc.asyncProperty(model, async (m) => {
    const g = graphOf(m);
    const keep = (v: Vertex<number, number>): boolean => v.id % 3 !== 0;
    const kept = new Set(m.vertices.filter(keep).map((v) => v.id));
    const sub = g.subgraph(keep, (e) => e.value !== 1);
    const reversed = m.edges.map((e) => ({ source: e.target, target: e.source, value: e.value }));
    return same(await sub.getEdges().collect(), m.edges.filter((e) => kept.has(e.source) && kept.has(e.target) && e.value !== 1))
      && same(await g.reverse().getEdges().collect(), reversed)
      && same(multiset(await g.getUndirected().getEdges().collect()), multiset([...m.edges, ...reversed]))
      && same(await g.reverse().reverse().getEdges().collect(), m.edges);
  }));
});

test("degrees and neighbourhood reductions equal a per-vertex scan of the edge list", async (t) => {
  await run(t, fc.asyncProperty(model, async (m) => {
    const g = graphOf(m);
    const outs = (id: number): Edge<number, number>[] => m.edges.filter((e) => e.source === id);
    const ins = (id: number): Edge<number, number>[] => m.edges.filter((e) => e.target === id);
    const value = (id: number): number => m.vertices.find((v) => v.id === id)!.value;
    const sum = (a: number, b: number): number => a + b;
    const expectNeighbours = (d: EdgeDirection): [number, number][] => m.vertices.flatMap((v): [number, number][] => {
      const ns = [...(d !== "IN" ? outs(v.id).map((e) => value(e.target)) : []), ...(d !== "OUT" ? ins(v.id).map((e) => value(e.source)) : [])];
      return ns.length === 0 ? [] : [[v.id, ns.reduce(sum)]];
    });
    const expectEdges = (d: EdgeDirection): [number, number][] => m.vertices.flatMap((v): [number, number][] => {
      const es = [...(d !== "IN" ? outs(v.id) : []), ...(d !== "OUT" ? ins(v.id) : [])];
      return es.length === 0 ? [] : [[v.id, Math.max(...es.map((e) => e.value))]];
    });
    let ok = same(await g.outDegrees().collect(), m.vertices.map((v) => [v.id, outs(v.id).length]))
      && same(await g.inDegrees().collect(), m.vertices.map((v) => [v.id, ins(v.id).length]))
      && same(await g.getDegrees().collect(), m.vertices.map((v) => [v.id, outs(v.id).length + ins(v.id).length]));
    for (const d of [EdgeDirection.IN, EdgeDirection.OUT, EdgeDirection.ALL]) {
      ok &&= same(await g.reduceOnNeighbors(sum, d).collect(), expectNeighbours(d)) && same(await g.reduceOnEdges(Math.max, d).collect(), expectEdges(d));
      const counted = await g.groupReduceOnNeighbors<[number, number]>((v, ns, out) => out.collect([v.id, ns.length]), d).collect();
      ok &&= same(counted, m.vertices.map((v) => [v.id, (d !== "IN" ? outs(v.id).length : 0) + (d !== "OUT" ? ins(v.id).length : 0)]));
    }
    return ok;
  }));
});

test("mutations: addEdges keeps only edges between vertices, removeEdges drops every (source, target) match, removeVertices their edges", async (t) => {
  await run(t, fc.asyncProperty(model, model, async (a, b) => {
    const g = graphOf(a);
    const ids = new Set(a.vertices.map((v) => v.id));
    const added = await g.addEdges(b.edges).getEdges().collect();
    const pairs = new Set(b.edges.map((e) => `${e.source}>${e.target}`));
    const removed = await g.removeEdges(b.edges).getEdges().collect();
    const gone = new Set(b.vertices.map((v) => v.id));
    const withoutVertices = g.removeVertices(b.vertices);
    return same(added, [...a.edges, ...b.edges.filter((e) => ids.has(e.source) && ids.has(e.target))])
      && same(removed, a.edges.filter((e) => !pairs.has(`${e.source}>${e.target}`)))
      && same(await withoutVertices.getEdges().collect(), a.edges.filter((e) => !gone.has(e.source) && !gone.has(e.target)))
      && same(await withoutVertices.getVertices().collect(), a.vertices.filter((v) => !gone.has(v.id)));
  }));
});
