#!/usr/bin/python3
"""Oracle fixtures for ml/online: the sequences of model versions Flink ML's online learners produce on small seeded
streams, from numpy re-implementations of Flink ML 2.3's exact update rules.

Run: /usr/bin/python3 scripts/ml/fixtures_online.py   (writes test/ml/fixtures/online-*.json; tests never run Python)

scikit-learn's MiniBatchKMeans and SGDClassifier are NOT Flink ML's algorithms (other learning rates, other
assignment and update rules), so the sequences below come from numpy code that follows Flink ML's Java source line by
line (OnlineKMeans.ModelDataLocalUpdater + ModelDataGlobalReducer, OnlineLogisticRegression.CalculateLocalGradient +
UpdateModel, OnlineStandardScaler.ComputeModelDataFunction). scikit-learn (1.2.1) supplies the batch answers the online
learners must approach on a stationary stream: KMeans' centroids, LogisticRegression's held-out accuracy and
StandardScaler's mean (its deviation converted to Flink ML's sample one, ddof = 1).

A global mini-batch is the next globalBatchSize records of the stream in order; records left over at the end form no
batch (Flink ML's countWindowAll never fires for them).
"""
import json
import math
import os

import numpy as np
from sklearn.cluster import KMeans
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "test", "ml", "fixtures")
os.makedirs(OUT, exist_ok=True)


def clean(x):
    if isinstance(x, np.ndarray):
        return [clean(v) for v in x.tolist()]
    if isinstance(x, (list, tuple)):
        return [clean(v) for v in x]
    if isinstance(x, dict):
        return {k: clean(v) for k, v in x.items()}
    if isinstance(x, (np.floating, float)):
        v = float(x)
        assert math.isfinite(v), "non-finite value"
        return v
    if isinstance(x, np.integer):
        return int(x)
    return x


def dump(name, data):
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        json.dump(clean(data), f)


def batches(n, size):
    return [(start, start + size) for start in range(0, n - size + 1, size)]


# ---- OnlineKMeans -----------------------------------------------------------------------------------------------

def nearest(point, centroids):
    """EuclideanDistanceMeasure.findClosest: squared distances from norms, pruned by the norms' difference."""
    p_norm = np.linalg.norm(point)
    best, best_index = math.inf, 0
    for i, c in enumerate(centroids):
        c_norm = np.linalg.norm(c)
        bound = p_norm - c_norm
        if bound * bound >= best:
            continue
        d = max(0.0, p_norm * p_norm + c_norm * c_norm - 2.0 * float(np.dot(point, c)))
        if d < best:
            best, best_index = d, i
    return best_index


def online_kmeans(points, centroids, weights, batch_size, decay):
    """Flink ML's rule for one global batch (the local updater at parallelism 1): assign, decay, weighted average."""
    centroids = centroids.copy()
    weights = weights.copy()
    versions = [{"centroids": centroids.copy(), "weights": weights.copy(), "modelVersion": 0}]
    for v, (lo, hi) in enumerate(batches(len(points), batch_size), start=1):
        k, dim = centroids.shape
        sums = np.zeros((k, dim))
        counts = np.zeros(k, dtype=int)
        for p in points[lo:hi]:
            c = nearest(p, centroids)
            counts[c] += 1
            sums[c] += p
        weights = weights * decay
        for c in range(k):
            if counts[c] == 0:
                continue
            weights[c] = weights[c] + counts[c]
            lam = counts[c] / weights[c]
            centroids[c] = centroids[c] * (1.0 - lam) + (lam / counts[c]) * sums[c]
        versions.append({"centroids": centroids.copy(), "weights": weights.copy(), "modelVersion": v})
    return versions


rng = np.random.default_rng(20261205)
blob_centres = np.array([[0.0, 0.0, 0.0], [6.0, 6.0, 0.0], [0.0, 6.0, 6.0]])
labels = rng.integers(0, 3, size=240)
kmeans_points = blob_centres[labels] + rng.normal(scale=0.8, size=(240, 3))
kmeans_init = np.array([[1.0, 1.0, 1.0], [5.0, 5.0, 1.0], [1.0, 5.0, 5.0]])
kmeans_test = blob_centres + rng.normal(scale=0.5, size=(3, 3))
runs = []
for decay, init_weight in [(0.5, 2.0), (1.0, 0.0), (0.0, 1.0)]:
    versions = online_kmeans(kmeans_points, kmeans_init, np.full(3, init_weight), 24, decay)
    final = versions[-1]["centroids"]
    runs.append({"decayFactor": decay, "initialWeight": init_weight, "versions": versions, "testPredictions": [nearest(p, final) for p in kmeans_test]})
batch_kmeans = KMeans(n_clusters=3, init=kmeans_init, n_init=1, random_state=0).fit(kmeans_points)
dump("online-kmeans", {
    "points": kmeans_points, "initialCentroids": kmeans_init, "globalBatchSize": 24, "k": 3, "runs": runs,
    "testPoints": kmeans_test, "batchCentroids": batch_kmeans.cluster_centers_,
})


# ---- OnlineLogisticRegression (FTRL-Proximal) -------------------------------------------------------------------

def ftrl(rows, labels, weights, coefficient, batch_size, alpha, beta, reg, elastic_net):
    """Flink ML's CalculateLocalGradient (all subtasks' sums) then UpdateModel, per global batch; versions from 1."""
    l1, l2 = elastic_net * reg, (1 - elastic_net) * reg
    coef = np.array(coefficient, dtype=float)
    dim = len(coef)
    z, n = np.zeros(dim), np.zeros(dim)
    versions = []
    for v, (lo, hi) in enumerate(batches(len(rows), batch_size), start=1):
        gradient, weight_sum = np.zeros(dim), np.zeros(dim)
        for r in range(lo, hi):
            kind, x = rows[r]
            if kind == "dense":
                p = 1 / (1 + math.exp(-float(np.dot(coef, x))))
                gradient += (p - labels[r]) * x
                weight_sum += 1.0  # dense rows count 1 each, whatever their weight (Flink ML)
            else:
                indices, values = x
                p = 1 / (1 + math.exp(-sum(coef[i] * val for i, val in zip(indices, values))))
                for i, val in zip(indices, values):
                    gradient[i] += (p - labels[r]) * val
                    weight_sum[i] += weights[r]
        g = np.where(weight_sum != 0, gradient / np.where(weight_sum != 0, weight_sum, 1.0), gradient)
        for i in range(dim):
            sigma = (math.sqrt(n[i] + g[i] * g[i]) - math.sqrt(n[i])) / alpha
            z[i] += g[i] - sigma * coef[i]
            n[i] += g[i] * g[i]
            if abs(z[i]) <= l1:
                coef[i] = 0.0
            else:
                coef[i] = ((-1 if z[i] < 0 else 1) * l1 - z[i]) / ((beta + math.sqrt(n[i])) / alpha + l2)
        versions.append({"coefficient": coef.copy(), "modelVersion": v})
    return versions


def lr_predict(coef, x):
    margin = float(np.dot(coef, x))
    prob = 1 - 1 / (1 + math.exp(margin))
    return [1.0 if margin >= 0 else 0.0, [1 - prob, prob]]


true_coef = np.array([1.5, -2.0, 0.7, 0.0, 0.4])
lr_x = np.hstack([rng.normal(size=(360, 4)), np.ones((360, 1))])  # the last feature is the constant (no intercept)
lr_y = (rng.random(360) < 1 / (1 + np.exp(-(lr_x @ true_coef)))).astype(float)
train_x, train_y, test_x, test_y = lr_x[:300], lr_y[:300], lr_x[300:], lr_y[300:]
dense_rows = [("dense", x) for x in train_x]
lr_runs = []
for alpha, beta, reg, elastic_net in [(0.1, 0.1, 0.0, 0.0), (0.5, 1.0, 0.1, 0.5), (0.2, 0.1, 0.05, 1.0)]:
    versions = ftrl(dense_rows, train_y, np.ones(300), np.zeros(5), 30, alpha, beta, reg, elastic_net)
    final = versions[-1]["coefficient"]
    lr_runs.append({
        "alpha": alpha, "beta": beta, "reg": reg, "elasticNet": elastic_net, "versions": versions,
        "testPredictions": [lr_predict(final, x) for x in test_x],
    })
# sparse rows with weights: only stored entries count, weighted by the row's weight
sparse_rows, sparse_json, sparse_weights = [], [], rng.integers(1, 4, size=300).astype(float)
for x in train_x:
    keep = [i for i in range(5) if i == 4 or rng.random() < 0.6]
    sparse_rows.append(("sparse", (keep, [float(x[i]) for i in keep])))
    sparse_json.append({"indices": keep, "values": [float(x[i]) for i in keep]})
sparse_versions = ftrl(sparse_rows, train_y, sparse_weights, np.zeros(5), 30, 0.5, 1.0, 0.1, 0.5)
batch_lr = LogisticRegression(fit_intercept=False).fit(train_x, train_y)
dump("online-logistic-regression", {
    "train": train_x, "labels": train_y, "test": test_x, "testLabels": test_y, "globalBatchSize": 30, "runs": lr_runs,
    "sparse": {"rows": sparse_json, "weights": sparse_weights, "alpha": 0.5, "beta": 1.0, "reg": 0.1, "elasticNet": 0.5, "versions": sparse_versions},
    "batchHeldOutAccuracy": batch_lr.score(test_x, test_y),
})


# ---- OnlineStandardScaler ---------------------------------------------------------------------------------------

def online_scaler(rows, timestamps, size):
    """ComputeModelDataFunction over tumbling event-time windows: the moments of everything so far, per window."""
    versions = []
    s, sq, count = np.zeros(rows.shape[1]), np.zeros(rows.shape[1]), 0
    window_max = sorted({t - t % size + size - 1 for t in timestamps})
    for w in window_max:
        in_window = [i for i, t in enumerate(timestamps) if t - t % size + size - 1 == w]
        for i in in_window:
            s = s + rows[i]
            sq = sq + rows[i] * rows[i]
            count += 1
        mean = s * (1.0 / count)
        std = np.sqrt(np.maximum(0.0, (sq - count * mean * mean) / (count - 1))) if count > 1 else np.zeros(len(s))
        versions.append({"mean": mean, "std": std, "version": len(versions), "timestamp": w})
    return versions


scaler_rows = rng.normal(loc=[3.0, -1.0, 10.0], scale=[1.0, 0.5, 4.0], size=(90, 3))
scaler_rows[:, 1] = np.round(scaler_rows[:, 1], 1)
scaler_ts = [int(t) for t in np.sort(rng.integers(0, 1000, size=90))]
scaler_ts[40:] = [t + 500 for t in scaler_ts[40:]]  # a gap: windows without rows yield no model version
sk_scaler = StandardScaler().fit(scaler_rows)
dump("online-standard-scaler", {
    "rows": scaler_rows, "timestamps": scaler_ts, "windowSizeMs": 100,
    "versions": online_scaler(scaler_rows, scaler_ts, 100),
    "globalMean": sk_scaler.mean_, "globalStd": np.std(scaler_rows, axis=0, ddof=1),
})
print("wrote online-kmeans.json, online-logistic-regression.json, online-standard-scaler.json to", os.path.normpath(OUT))
