// Triadic census: directed against networkx.triadic_census and an independent brute-force classification of every
// triple by its mutual / asymmetric / null dyads (Holland & Leinhardt's MAN labels); undirected against networkx on the
// symmetric digraph and a brute-force count by edges per triple.
import test from "ava";
import fc from "fast-check";
import { DIRECTED_TRIAD_TYPES, directedTriadicCensus, undirectedTriadicCensus } from "../../../../gelly/library/clustering/triadic-census.js";
import { assertProperty } from "../../../helpers/property.js";
import { arbitraryEdgeList, directedCases, directedGraph, edgeSet, undirectedCases, undirectedGraph } from "../../helpers/b-fixtures.js";

/** The MAN type of the triple {a, b, c}, from its dyads — without the code table the kernel uses. */
function classify(has: Set<string>, a: number, b: number, c: number): string {
  const e = (x: number, y: number) => has.has(`${x},${y}`);
  const vertices = [a, b, c];
  const pairs: [number, number][] = [[a, b], [a, c], [b, c]];
  let mutual = 0;
  let asym = 0;
  const arcs: [number, number][] = [];
  for (const [x, y] of pairs) {
    if (e(x, y) && e(y, x)) mutual++;
    else if (e(x, y)) (asym++, arcs.push([x, y]));
    else if (e(y, x)) (asym++, arcs.push([y, x]));
  }
  const outOf = (v: number) => arcs.filter(([s]) => s === v).length;
  const into = (v: number) => arcs.filter(([, t]) => t === v).length;
  const name = `${mutual}${asym}${3 - mutual - asym}`;
  if (name === "021" || name === "120") {
    // D: both asymmetric arcs leave one vertex; U: both enter one vertex; C: a chain
    if (vertices.some((v) => outOf(v) === 2)) return name + "D";
    if (vertices.some((v) => into(v) === 2)) return name + "U";
    return name + "C";
  }
  if (name === "111") {
    // D (A<->B<-C): the arc enters the mutual pair; U (A<->B->C): it leaves it
    const [, head] = arcs[0]!;
    const mutualVertices = vertices.filter((v) => pairs.some(([x, y]) => (x === v || y === v) && e(x, y) && e(y, x)));
    return mutualVertices.includes(head) ? "111D" : "111U";
  }
  if (name === "030") {
    // C: a cycle, every vertex has one arc out; T: transitive
    return vertices.every((v) => outOf(v) === 1) ? "030C" : "030T";
  }
  return name;
}

function bruteForceCensus(n: number, edges: [number, number][]): number[] {
  const has = edgeSet(edges);
  const counts = new Map<string, number>(DIRECTED_TRIAD_TYPES.map((name) => [name, 0]));
  for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) for (let c = b + 1; c < n; c++) counts.set(classify(has, a, b, c), counts.get(classify(has, a, b, c))! + 1);
  return DIRECTED_TRIAD_TYPES.map((name) => counts.get(name)!);
}

test("by hand: the classifier and the kernel agree on every three-vertex digraph", (t) => {
  // all 64 digraphs on {0, 1, 2}: each of the 6 possible arcs present or not
  const arcs: [number, number][] = [[0, 1], [1, 0], [0, 2], [2, 0], [1, 2], [2, 1]];
  const seen = new Set<string>();
  for (let bits = 0; bits < 64; bits++) {
    const edges = arcs.filter((_, i) => bits & (1 << i));
    const census = [...directedTriadicCensus(directedGraph(3, edges)).counts].map(Number);
    const type: string = DIRECTED_TRIAD_TYPES[census.indexOf(1)]!;
    t.is(type, classify(edgeSet(edges), 0, 1, 2), `arcs ${JSON.stringify(edges)}`);
    seen.add(type);
  }
  t.is(seen.size, 16, "every type occurs");
});

for (const c of directedCases) {
  test(`directed census matches networkx.triadic_census: ${c.name}`, (t) => {
    t.deepEqual([...directedTriadicCensus(directedGraph(c.vertexCount, c.edges)).counts].map(Number), c.triadicCensus);
  });
}

for (const c of undirectedCases) {
  test(`undirected census matches networkx on the symmetric digraph: ${c.name}`, (t) => {
    t.deepEqual([...undirectedTriadicCensus(undirectedGraph(c.vertexCount, c.edges)).counts].map(Number), c.triadicCensus);
  });
}

test("directed census equals the brute-force classification on random multigraphs", async (t) => {
  await assertProperty(
    t,
    fc.property(arbitraryEdgeList(12, 60), ({ n, edges }) => JSON.stringify([...directedTriadicCensus(directedGraph(n, edges)).counts].map(Number)) === JSON.stringify(bruteForceCensus(n, edges))),
    { file: import.meta.url, numRuns: 200 },
  );
});

test("undirected census counts triples by their number of edges", async (t) => {
  await assertProperty(
    t,
    fc.property(arbitraryEdgeList(12, 60), ({ n, edges }) => {
      const has = edgeSet(edges);
      const joined = (a: number, b: number) => (has.has(`${a},${b}`) || has.has(`${b},${a}`) ? 1 : 0);
      const expected = [0, 0, 0, 0];
      for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) for (let c = b + 1; c < n; c++) expected[joined(a, b) + joined(a, c) + joined(b, c)]!++;
      return JSON.stringify([...undirectedTriadicCensus(undirectedGraph(n, edges)).counts].map(Number)) === JSON.stringify(expected);
    }),
    { file: import.meta.url, numRuns: 200 },
  );
});

test("tiny graphs: fewer than three vertices have no triads", (t) => {
  t.deepEqual([...undirectedTriadicCensus(undirectedGraph(2, [[0, 1]])).counts], [0n, 0n, 0n, 0n]);
  t.is([...directedTriadicCensus(directedGraph(0, [])).counts].reduce((a, b) => a + b, 0n), 0n);
});
