#!/usr/bin/python3
"""scikit-learn's SGDClassifier(loss='log_loss') on the benchmark's labelled points, single-threaded: reads
<features.f64> (n x d, row-major float64) and <labels.f64> (n values 0/1), runs `epochs` epochs (tol=None, no
shuffle, no intercept, no penalty, constant learning rate) timed in CPU seconds, and prints {"seconds", "epochs",
"accuracy"} as JSON.
usage: sklearn_sgd.py <features.f64> <labels.f64> <n> <d> <epochs>"""
import json
import sys
import time
import warnings

import numpy as np
from sklearn.linear_model import SGDClassifier

xpath, ypath, n, d, epochs = sys.argv[1], sys.argv[2], *map(int, sys.argv[3:6])
x = np.fromfile(xpath, dtype=np.float64).reshape(n, d)
y = np.fromfile(ypath, dtype=np.float64)
make = lambda e: SGDClassifier(loss="log_loss", penalty=None, fit_intercept=False, max_iter=e, tol=None, shuffle=False, learning_rate="constant", eta0=0.1)
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    make(1).fit(x[: min(n, 20000)], y[: min(n, 20000)])  # warm-up
    began = time.process_time()
    clf = make(epochs).fit(x, y)
    seconds = time.process_time() - began
print(json.dumps({"seconds": seconds, "epochs": epochs, "accuracy": float(clf.score(x, y))}))
