#!/usr/bin/env python3
"""Oracle fixtures for the gelly-a kernels (PageRank, HITS, SSSP, connected components), from networkx.

Run from the repository root:  python3 scripts/gelly/fixtures_a.py
Writes test/gelly/fixtures/a-graphs.json (the edge lists) and one a-<algorithm>.json per kernel. Tests read these
files; nothing here runs at test time. Needs networkx (3.6 used) and scipy (1.17 used).

Graphs are relabelled to dense ids 0..n-1 in networkx's node order. An undirected graph is written as Flink Gelly
holds it: both directions of every edge. Edge weights are the graph's own "weight" attribute where it has one (les
misérables), otherwise seeded uniform weights in [0.5, 10), rounded to 3 decimals.
"""
import json
import os
import random

import networkx as nx
import numpy as np

OUT = os.path.join("test", "gelly", "fixtures")


def graphs():
    yield "karate", nx.karate_club_graph()
    yield "les-miserables", nx.les_miserables_graph()
    yield "florentine-families", nx.florentine_families_graph()
    yield "davis-southern-women", nx.davis_southern_women_graph()
    yield "gnp-directed-60", nx.gnp_random_graph(60, 0.05, seed=13, directed=True)
    yield "gnp-directed-200-sparse", nx.gnp_random_graph(200, 0.008, seed=5, directed=True)
    yield "gnm-undirected-100", nx.gnm_random_graph(100, 90, seed=7)
    yield "gnm-directed-150", nx.gnm_random_graph(150, 600, seed=11, directed=True)


def weighted(name, g):
    """Copy of g whose every edge has a positive 'weight' (its own, or seeded random)."""
    h = g.copy()
    rng = random.Random(sum(map(ord, name)))
    for u, v, data in h.edges(data=True):
        if "weight" not in data:
            data["weight"] = round(rng.uniform(0.5, 10.0), 3)
        else:
            data["weight"] = float(data["weight"])
    return h


def edge_list(g):
    """Flink's form: (source, target, weight) for each directed edge; undirected edges in both directions."""
    edges = []
    for u, v, data in g.edges(data=True):
        edges.append((u, v, data["weight"]))
        if not g.is_directed():
            edges.append((v, u, data["weight"]))
    return edges


def top_singular_gap(g):
    """Relative gap between the two largest singular values of the adjacency (HITS is unique only when > 0)."""
    a = nx.to_numpy_array(g, weight=None)
    s = np.linalg.svd(a, compute_uv=False)
    return (s[0] - s[1]) / s[0] if len(s) > 1 else 1.0


def main():
    os.makedirs(OUT, exist_ok=True)
    all_graphs, pagerank, hits, sssp, components = {}, {}, {}, {}, {}
    for name, raw in graphs():
        g = weighted(name, nx.convert_node_labels_to_integers(raw, ordering="default"))
        n = g.number_of_nodes()
        edges = edge_list(g)
        all_graphs[name] = {
            "directed": g.is_directed(),
            "vertexCount": n,
            "sources": [e[0] for e in edges],
            "targets": [e[1] for e in edges],
            "weights": [e[2] for e in edges],
        }
        # PageRank: networkx spreads dangling mass uniformly by default, as Flink; edges unweighted as in Flink.
        pr = nx.pagerank(g, alpha=0.85, weight=None, tol=1e-14, max_iter=10000)
        pagerank[name] = {"dampingFactor": 0.85, "scores": [pr[v] for v in range(n)]}
        # HITS: networkx normalises by the sum; Flink by the L2 norm (the test converts). Only where it is unique.
        gap = top_singular_gap(g)
        if gap > 1e-3:
            unweighted = nx.DiGraph(g) if g.is_directed() else nx.Graph(g)
            for _, _, d in unweighted.edges(data=True):
                d.pop("weight", None)
            # a fixed start vector: ARPACK's default one is random, which changes the last bits between runs
            hub, auth = nx.hits(unweighted, max_iter=100000, tol=1e-14, normalized=True, nstart={v: 1.0 for v in unweighted})
            hits[name] = {"normalisedBy": "sum", "singularGap": gap, "hub": [hub[v] for v in range(n)], "authority": [auth[v] for v in range(n)]}
        # SSSP from vertex 0 along out-edges with the weights; unreachable vertices are null (Flink: Infinity).
        dist = nx.single_source_dijkstra_path_length(g, 0, weight="weight")
        sssp[name] = {"source": 0, "distances": [dist.get(v) for v in range(n)]}
        # Components: weakly connected; each vertex labelled with the smallest id in its component (Flink's rule).
        comps = nx.weakly_connected_components(g) if g.is_directed() else nx.connected_components(g)
        label = [0] * n
        count = 0
        for c in comps:
            m = min(c)
            count += 1
            for v in c:
                label[v] = m
        components[name] = {"componentCount": count, "labels": label}

    def write(file, data):
        with open(os.path.join(OUT, file), "w") as f:
            json.dump({"generator": "scripts/gelly/fixtures_a.py", "networkx": nx.__version__, "graphs": data}, f, separators=(",", ":"))
            f.write("\n")

    write("a-graphs.json", all_graphs)
    write("a-page-rank.json", pagerank)
    write("a-hits.json", hits)
    write("a-single-source-shortest-paths.json", sssp)
    write("a-connected-components.json", components)


if __name__ == "__main__":
    main()
