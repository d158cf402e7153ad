#!/usr/bin/env python3
"""The igraph baseline of bench/graph/graph.bench.ts: weakly connected components of the benchmark's R-MAT edges.

Usage: /usr/bin/python3 igraph_baseline.py <edges.bin> <repeats>
edges.bin: int32 n, int32 m, then m int32 sources and m int32 targets (little-endian), as for scipy_baseline.py.
Times only Graph.connected_components(mode="weak") (building the igraph Graph is not timed), in CPU seconds of this
process (time.process_time), best of `repeats`. Needs Debian's python3-igraph (the system python, /usr/bin/python3).
Prints one JSON line.
"""
import json
import sys
import time

import igraph
import numpy as np


def main():
    path, repeats = sys.argv[1], int(sys.argv[2])
    raw = np.fromfile(path, dtype="<i4")
    n, m = int(raw[0]), int(raw[1])
    edges = np.stack([raw[2:2 + m], raw[2 + m:2 + 2 * m]], axis=1)
    graph = igraph.Graph(n=n, edges=edges.tolist(), directed=True)
    best = float("inf")
    count = 0
    for _ in range(repeats):
        began = time.process_time()
        components = graph.connected_components(mode="weak")
        best = min(best, time.process_time() - began)
        count = len(components)
    print(json.dumps({"igraph": igraph.__version__, "componentsSeconds": best, "componentCount": count, "arcs": m}))


if __name__ == "__main__":
    main()
