#!/usr/bin/env python3
"""The scipy baselines of bench/graph/graph.bench.ts, run on the benchmark's own R-MAT edge list.

Usage: python3 scipy_baseline.py <edges.bin> <scores-out.bin> <iterations> <damping> <repeats>
edges.bin: int32 n, int32 m, then m int32 sources and m int32 targets (little-endian).
Times only the work: PageRank's iterations (Flink's update x = d·Mx + ((1 - d) + d(1 - Σ Mx))/n, with M the
column-stochastic transition matrix, parallel edges summed) and scipy.sparse.csgraph.connected_components
(weak); building the matrices is not timed. Times are CPU seconds of this process (time.process_time), as the
TypeScript side measures its own, because other sessions share the machine. Prints one JSON line; writes the final PageRank scores as float64.
"""
import json
import sys
import time

import numpy as np
import scipy
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components


def main():
    path, out, iterations, damping, repeats = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
    raw = np.fromfile(path, dtype="<i4")
    n, m = int(raw[0]), int(raw[1])
    src, dst = raw[2:2 + m], raw[2 + m:2 + 2 * m]
    out_degree = np.bincount(src, minlength=n).astype(np.float64)
    transition = sp.csr_matrix((1.0 / out_degree[src], (dst, src)), shape=(n, n))
    transition.sum_duplicates()

    best_pagerank = float("inf")
    x = None
    for _ in range(repeats):
        x = np.full(n, 1.0 / n)
        began = time.process_time()
        for _ in range(iterations):
            y = transition @ x
            x = damping * y + ((1.0 - damping) + damping * (1.0 - y.sum())) / n
        best_pagerank = min(best_pagerank, time.process_time() - began)
    x.astype("<f8").tofile(out)

    adjacency = sp.csr_matrix((np.ones(m, dtype=np.int8), (src, dst)), shape=(n, n))
    best_components = float("inf")
    count = 0
    for _ in range(repeats):
        began = time.process_time()
        count, _labels = connected_components(adjacency, directed=True, connection="weak")
        best_components = min(best_components, time.process_time() - began)

    print(json.dumps({
        "scipy": scipy.__version__, "numpy": np.__version__, "nnz": int(transition.nnz),
        "pageRankSeconds": best_pagerank, "componentsSeconds": best_components, "componentCount": int(count),
    }))


if __name__ == "__main__":
    main()
