#!/usr/bin/python3
"""scikit-learn's Lloyd KMeans on the benchmark's points, single-threaded (the caller sets OMP_NUM_THREADS=1 and
OPENBLAS_NUM_THREADS=1): reads <points.f64> (n x d, row-major float64) whose rows 0, k, 2k, … are the initial centroids,
times fit() in CPU seconds (time.process_time) and prints {"seconds", "iterations"} as JSON.
usage: sklearn_kmeans.py <points.f64> <n> <d> <k> <iterations>"""
import json
import sys
import time

import numpy as np
from sklearn.cluster import KMeans

path, n, d, k, iterations = sys.argv[1], *map(int, sys.argv[2:6])
x = np.fromfile(path, dtype=np.float64).reshape(n, d)
warm = x[: min(n, 20000)]
KMeans(n_clusters=k, init=warm[::k][:k].copy(), n_init=1, max_iter=2, tol=0, algorithm="lloyd").fit(warm)  # warm-up
began = time.process_time()
km = KMeans(n_clusters=k, init=x[::k][:k].copy(), n_init=1, max_iter=iterations, tol=0, algorithm="lloyd").fit(x)
print(json.dumps({"seconds": time.process_time() - began, "iterations": int(km.n_iter_)}))
