#!/usr/bin/env python3
"""Oracle fixtures for the Gelly kernels of building blocks, metrics, clustering and similarity (gelly-b).

Run from the repository root:  python3 scripts/gelly/fixtures_b.py
Needs networkx (3.6 was used). Writes test/gelly/fixtures/b-undirected.json and b-directed.json; the tests read
them, so `npm test` needs no python.

Vertices are relabelled 0..n-1 in networkx's node order; the tests use those integers as dense vertex ids, which
matters where Flink breaks degree ties by vertex id (edge metrics, the order of a triangle's vertices).

Where Flink's definition differs from networkx's, the expectation is derived here from networkx's graph by brute
force, following Flink:
  - vertex metrics count only vertices of degree > 0 (Flink's default includeZeroDegreeVertices = false);
  - directed degrees count distinct neighbours in either direction;
  - directed local clustering coefficient = directed edges among the neighbours / (d·(d-1)) (networkx.clustering on
    a DiGraph uses Fagiolo's definition instead); local scores are None (NaN in the kernels) for degree < 2, where
    networkx says 0;
  - directed global clustering coefficient = networkx.transitivity of the undirected view;
  - directed average clustering coefficient = the sum of those local scores over the vertices of degree >= 2, divided
    by all vertices (Flink's AverageClusteringCoefficient). Where every edge is mutual, Flink's directed score, the
    undirected one and networkx's Fagiolo score coincide, so those cases also carry networkx.average_clustering
    ("networkxAverageClustering") as a check that owes nothing to the brute force here;
  - the undirected triadic census is networkx.triadic_census of the symmetric digraph (003, 102, 201, 300).
"""
import json
import math
import os

import networkx as nx

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "test", "gelly", "fixtures")


def integer_labels(g):
    return nx.convert_node_labels_to_integers(g, ordering="default")


def rank(degree, v):
    return (degree[v], v)


def edge_metrics(neighbours, degree):
    """Flink's EdgeMetrics: each vertex's count of neighbours ranked above it by (degree, id)."""
    tt = rt = mtt = mrt = 0
    for v, ns in neighbours.items():
        low = sum(1 for u in ns if rank(degree, v) < rank(degree, u))
        high = degree[v] - low
        t = low * (low - 1) // 2
        r = t + low * high
        tt += t
        rt += r
        mtt = max(mtt, t)
        mrt = max(mrt, r)
    return {"triangleTripletCount": tt, "rectangleTripletCount": rt, "maximumTriangleTriplets": mtt, "maximumRectangleTriplets": mrt}


def triangles_of(u_graph):
    return sorted(tuple(sorted(c)) for c in nx.enumerate_all_cliques(u_graph) if len(c) == 3)


def flink_order(tri, degree):
    """Flink's TriangleListing order: the lowest vertex by (degree, id) first, the other two by id."""
    v0 = min(tri, key=lambda v: rank(degree, v))
    v1, v2 = sorted(v for v in tri if v != v0)
    return v0, v1, v2


def pair_mask(d, a, b):
    """Flink's EdgeOrder bitmask of the pair (a, b): 0b10 for a -> b, 0b01 for b -> a."""
    return (2 if d.has_edge(a, b) else 0) | (1 if d.has_edge(b, a) else 0)


def common_neighbour_pairs(g):
    pairs = set()
    for w in g:
        ns = sorted(g[w])
        for i, a in enumerate(ns):
            for b in ns[i + 1:]:
                pairs.add((a, b))
    return sorted(pairs)


def nan_to_none(x):
    return None if isinstance(x, float) and math.isnan(x) else x


def undirected_case(name, g, similarity=True):
    g = integer_labels(g)
    n = g.number_of_nodes()
    degree = dict(g.degree())
    nonzero = [d for d in degree.values() if d > 0]
    vc = len(nonzero)
    ec = g.number_of_edges()
    tri = triangles_of(g)
    case = {
        "name": name,
        "vertexCount": n,
        "edges": [[u, v] for u, v in g.edges()],
        "degree": [degree[v] for v in range(n)],
        "vertexMetrics": {
            "vertexCount": vc,
            "edgeCount": ec,
            "averageDegree": nan_to_none(2 * ec / vc if vc else float("nan")),
            "density": nan_to_none(ec / (vc * (vc - 1) / 2) if vc > 1 else float("nan")),
            "tripletCount": sum(d * (d - 1) // 2 for d in nonzero),
            "maximumDegree": max(nonzero, default=0),
            "maximumTriplets": max((d * (d - 1) // 2 for d in nonzero), default=0),
        },
        "edgeMetrics": edge_metrics({v: list(g[v]) for v in g}, degree),
        "triangles": [nx.triangles(g, v) for v in range(n)],
        "triangleListing": sorted(flink_order(t, degree) for t in tri),
        "clustering": [None if degree[v] < 2 else nx.clustering(g, v) for v in range(n)],
        "averageClustering": nx.average_clustering(g) if n else None,
        "transitivity": nx.transitivity(g),
        "tripletCount": sum(d * (d - 1) // 2 for d in degree.values()),
    }
    census = nx.triadic_census(g.to_directed())
    case["triadicCensus"] = [census["003"], census["102"], census["201"], census["300"]]
    if similarity:
        pairs = common_neighbour_pairs(g)
        case["jaccard"] = [[u, v, len(list(nx.common_neighbors(g, u, v))), s] for u, v, s in nx.jaccard_coefficient(g, pairs)]
        case["adamicAdar"] = [[u, v, s] for u, v, s in nx.adamic_adar_index(g, pairs)]
    return case


def directed_case(name, d):
    d = integer_labels(d)
    n = d.number_of_nodes()
    u_graph = d.to_undirected()
    neighbours = {v: set(d.pred[v]) | set(d.succ[v]) for v in d}
    degree = {v: len(neighbours[v]) for v in d}
    out_degree = {v: d.out_degree(v) for v in d}
    in_degree = {v: d.in_degree(v) for v in d}
    nonzero = [v for v in d if degree[v] > 0]
    mutual = sum(1 for a, b in d.edges() if d.has_edge(b, a)) // 2
    unidirectional = d.number_of_edges() - 2 * mutual
    vc = len(nonzero)
    ec = d.number_of_edges()
    tri = triangles_of(u_graph)
    listing = []
    for t in tri:
        v0, v1, v2 = flink_order(t, degree)
        listing.append([v0, v1, v2, (pair_mask(d, v0, v1) << 4) | (pair_mask(d, v0, v2) << 2) | pair_mask(d, v1, v2)])
    listing.sort()
    edges_among = []
    local = []
    for v in range(n):
        ns = neighbours[v]
        count = sum(1 for a in ns for b in ns if a != b and d.has_edge(a, b))
        assert count == d.subgraph(ns).number_of_edges()
        edges_among.append(count)
        k = degree[v]
        local.append(None if k < 2 else count / (k * (k - 1)))
    census = nx.triadic_census(d)
    symmetric = all(d.has_edge(b, a) for a, b in d.edges())
    case = {
        "name": name,
        "vertexCount": n,
        "edges": [[a, b] for a, b in d.edges()],
        "degree": [degree[v] for v in range(n)],
        "outDegree": [out_degree[v] for v in range(n)],
        "inDegree": [in_degree[v] for v in range(n)],
        "vertexMetrics": {
            "vertexCount": vc,
            "edgeCount": ec,
            "unidirectionalEdgeCount": unidirectional,
            "bidirectionalEdgeCount": mutual,
            "averageDegree": nan_to_none(ec / vc if vc else float("nan")),
            "density": nan_to_none(ec / (vc * (vc - 1)) if vc > 1 else float("nan")),
            "tripletCount": sum(degree[v] * (degree[v] - 1) // 2 for v in nonzero),
            "maximumDegree": max((degree[v] for v in nonzero), default=0),
            "maximumOutDegree": max(out_degree.values(), default=0),
            "maximumInDegree": max(in_degree.values(), default=0),
            "maximumTriplets": max((degree[v] * (degree[v] - 1) // 2 for v in nonzero), default=0),
        },
        "edgeMetrics": edge_metrics(neighbours, degree),
        "triangleCount": len(tri),
        "triangleListing": listing,
        "edgesAmongNeighbours": edges_among,
        "clustering": local,
        "averageClustering": sum(s for s in local if s is not None) / n if n else None,
        "transitivity": nx.transitivity(u_graph),
        "triadicCensus": [census[t] for t in nx.algorithms.triads.TRIAD_NAMES],
    }
    if symmetric:
        case["networkxAverageClustering"] = nx.average_clustering(d)
    return case


def with_isolated(g, count):
    g = g.copy()
    start = max(g.nodes) + 1
    g.add_nodes_from(range(start, start + count))
    return g


def partly_mutual(g):
    """g's edges made directed: the first of every three both ways, the second u -> v, the third v -> u (in g's edge
    order), so a graph has one-way and mutual edges, triangles mixing both, and vertices of degree 0 and 1."""
    d = nx.DiGraph()
    d.add_nodes_from(g)
    for i, (u, v) in enumerate(g.edges()):
        if i % 3 != 2:
            d.add_edge(u, v)
        if i % 3 != 1:
            d.add_edge(v, u)
    return d


def main():
    undirected = [
        undirected_case("karate club", nx.karate_club_graph()),
        undirected_case("les miserables", nx.les_miserables_graph(), similarity=False),
        undirected_case("florentine families", nx.florentine_families_graph()),
        undirected_case("davis southern women", nx.davis_southern_women_graph()),
        undirected_case("gnp(60, 0.1, seed 42)", nx.gnp_random_graph(60, 0.1, seed=42)),
        undirected_case("gnm(100, 400, seed 7) + 3 isolated", with_isolated(nx.gnm_random_graph(100, 400, seed=7), 3), similarity=False),
    ]
    directed = [
        directed_case("gnp(40, 0.12, seed 1, directed)", nx.gnp_random_graph(40, 0.12, seed=1, directed=True)),
        directed_case("gnp(25, 0.35, seed 5, directed)", nx.gnp_random_graph(25, 0.35, seed=5, directed=True)),
        directed_case("gnm(80, 480, seed 3, directed) + 2 isolated", with_isolated(nx.gnm_random_graph(80, 480, seed=3, directed=True), 2)),
        directed_case("karate club, both directions", nx.karate_club_graph().to_directed()),
        directed_case("gnm(50, 120, seed 6), every third edge mutual + 2 isolated", with_isolated(partly_mutual(nx.gnm_random_graph(50, 120, seed=6)), 2)),
    ]
    os.makedirs(OUT, exist_ok=True)
    for name, cases in (("b-undirected.json", undirected), ("b-directed.json", directed)):
        with open(os.path.join(OUT, name), "w") as f:
            json.dump({"generator": "scripts/gelly/fixtures_b.py", "networkx": nx.__version__, "cases": cases}, f, separators=(",", ":"))
            f.write("\n")


if __name__ == "__main__":
    main()
