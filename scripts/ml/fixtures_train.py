#!/usr/bin/python3
"""Oracle fixtures for ml/ trainers (test/ml/fixtures/train/*.json), from scikit-learn 1.2.1, scipy and numpy.

Run: /usr/bin/python3 scripts/ml/fixtures_train.py

Linear models (LogisticRegression, LinearSVC, LinearRegression): Flink ML trains them with its own SGD update rule,
which scikit-learn does not implement, so each gets two oracles:
  1. `reference` — a numpy full-batch gradient descent written here from Flink ML's SGD.java, LossFunc classes and
     RegularizationUtils (globalBatchSize >= data size: every step sees every point):
        g = sum_i w_i * dloss(x_i . c, y_i) * x_i;  W = sum_i w_i;  meanLoss = sum_i w_i * loss(x_i . c, y_i) / W
        c <- c - learningRate * g / W;  then the elastic-net step;
        stop after maxIter steps, or after the step of a superstep whose meanLoss <= tol.
     Eddy must match it to 1e-9.
  2. `optimum` — scikit-learn's own solver for the same objective without intercept or penalty (LogisticRegression
     penalty=None, LinearRegression fit_intercept=False), which long full-batch GD must approach.
NaiveBayes: Flink ML's NaiveBayes treats every feature as categorical; its theta is scikit-learn's CategoricalNB
feature_log_prob_ (alpha = smoothing) once each feature's distinct values are numbered 0..m-1 (OrdinalEncoder), and its
smoothed prior log((n_l*F + s) / (N*F + L*s)) is handed to CategoricalNB as class_prior, so predict() is Flink ML's.
BinaryClassificationEvaluator: areaUnderROC is roc_auc_score, areaUnderPR is auc(recall, precision) over
precision_recall_curve (trapezoids, as Flink ML — not average_precision_score's steps), ks is max |tpr - fpr| over
roc_curve, areaUnderLorenz integrates tpr over the positive rate (numpy, from roc_curve's thresholds).
Stats: ChiSqTest is scipy's chi2_contingency(correction=False) per feature (rounded to 11 decimals as Flink ML),
ANOVATest is f_classif, FValueTest is f_regression; the survival functions are scipy.stats' chi2.sf and f.sf.
AgglomerativeClustering: labels are scikit-learn's AgglomerativeClustering (renumbered by first appearance, as Flink
ML numbers clusters), merges are scipy's linkage matrix (same numbering: the cluster of merge m is n + m).
Swing: no library implements it; a plain Python loop over the definition (Yang et al. 2020, with Flink ML's user
filter and weights w_u = (alpha1 + |I_u|)^-beta, score += w_u * w_v / (alpha2 + |I_u & I_v|)) is the oracle.
Knn: scikit-learn KNeighborsClassifier(algorithm="brute") on continuous data (no distance ties).
KMeans: scikit-learn KMeans(init=<array>, n_init=1, algorithm="lloyd", tol=0) gives Lloyd's centroids after max_iter
steps — Flink ML's KMeans with the same initial centroids. Cosine and Manhattan distances (which scikit-learn's KMeans
lacks) come from a numpy Lloyd loop with Flink ML's assignment rule (centroids are means in every case, as Flink ML).
"""
import json
import os

import numpy as np
from scipy import stats
from sklearn import datasets
from scipy.cluster.hierarchy import linkage
from sklearn.cluster import AgglomerativeClustering, KMeans
from sklearn.feature_selection import f_classif, f_regression
from sklearn.metrics import auc, precision_recall_curve, roc_auc_score, roc_curve
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.naive_bayes import CategoricalNB
from sklearn.neighbors import KNeighborsClassifier
from sklearn.preprocessing import OrdinalEncoder
from sklearn.svm import LinearSVC

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "test", "ml", "fixtures", "train")


def standardize(x):
    return (x - x.mean(axis=0)) / x.std(axis=0)


def log_loss(dot, y):
    s = 2 * y - 1
    return np.log1p(np.exp(-dot * s)), -s / (np.exp(dot * s) + 1)


def hinge_loss(dot, y):
    s = 2 * y - 1
    return np.maximum(0, 1 - s * dot), np.where(1 - s * dot > 0, -s, 0.0)


def least_square_loss(dot, y):
    return 0.5 * (dot - y) ** 2, dot - y


def regularize(c, reg, elastic_net, lr):
    if reg == 0:
        return c
    if elastic_net == 0:
        return c * (1 - lr * reg)
    return c - lr * (elastic_net * reg * np.sign(c) + (1 - elastic_net) * reg * c)


def flink_full_batch_gd(x, y, w, loss, max_iter, lr, tol, reg, elastic_net):
    c = np.zeros(x.shape[1])
    for it in range(max_iter):
        dot = x @ c
        l, d = loss(dot, y)
        weight = w.sum()
        mean_loss = (w * l).sum() / weight
        g = ((w * d)[:, None] * x).sum(axis=0)
        c = regularize(c - lr * g / weight, reg, elastic_net, lr)
        if not (it + 1 < max_iter and mean_loss > tol):
            return c, it + 1
    return c, max_iter


def write(name, payload):
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        json.dump(payload, f, indent=None, separators=(",", ":"))
        f.write("\n")


def linear_case(x, y, w, loss, **p):
    c, steps = flink_full_batch_gd(x, y, w, loss, p["maxIter"], p["learningRate"], p["tol"], p["reg"], p["elasticNet"])
    return {"params": p, "coefficient": c.tolist(), "steps": steps}


def linear_models():
    # breast cancer, standardized (569 x 30): a real classification set
    bc = datasets.load_breast_cancer()
    xb = standardize(bc.data)
    yb = bc.target.astype(float)
    wb = np.ones(len(yb))
    # a seeded noisy synthetic set whose logistic optimum is finite (breast cancer is nearly separable)
    rng = np.random.default_rng(14)
    xs = rng.normal(size=(400, 4))
    true = np.array([1.5, -2.0, 0.5, 0.0])
    ys = (rng.uniform(size=400) < 1 / (1 + np.exp(-(xs @ true)))).astype(float)
    ws = rng.uniform(0.5, 2.0, size=400)
    # diabetes (442 x 10), features and target standardized
    db = datasets.load_diabetes()
    xd = standardize(db.data)
    yd = standardize(db.target)
    wd = np.ones(len(yd))

    base = {"maxIter": 50, "learningRate": 0.1, "tol": 0.0, "reg": 0.0, "elasticNet": 0.0}
    write("breast-cancer-standardized", {"features": xb.tolist(), "labels": yb.tolist()})
    logistic = {
        "cases": [
            linear_case(xb, yb, wb, log_loss, **base),
            linear_case(xb, yb, wb, log_loss, **{**base, "reg": 0.1, "elasticNet": 0.0}),
            linear_case(xb, yb, wb, log_loss, **{**base, "reg": 0.05, "elasticNet": 0.5}),
            linear_case(xb, yb, wb, log_loss, **{**base, "reg": 0.02, "elasticNet": 1.0}),
            linear_case(xb, yb, wb, log_loss, **{**base, "maxIter": 1000, "tol": 0.1}),
        ],
    }
    write("logistic-regression-breast-cancer", logistic)

    sk = LogisticRegression(fit_intercept=False, penalty=None, tol=1e-12, max_iter=10000).fit(xs, ys, sample_weight=ws)
    long_run = linear_case(xs, ys, ws, log_loss, **{**base, "maxIter": 200, "learningRate": 2.0})
    write("logistic-regression-synthetic", {
        "data": {"features": xs.tolist(), "labels": ys.tolist(), "weights": ws.tolist()},
        "reference": long_run,
        "optimum": sk.coef_[0].tolist(),
    })

    svc_cases = [
        linear_case(xb, yb, wb, hinge_loss, **base),
        linear_case(xb, yb, wb, hinge_loss, **{**base, "reg": 0.01, "elasticNet": 0.3}),
    ]
    split = 400
    sk_svc = LinearSVC(loss="hinge", fit_intercept=False, C=1.0, max_iter=100000, random_state=0).fit(xb[:split], yb[:split])
    held = linear_case(xb[:split], yb[:split], wb[:split], hinge_loss, **{**base, "maxIter": 200})
    write("linear-svc-breast-cancer", {
        "cases": svc_cases,
        "heldOut": {"split": split, "reference": held, "sklearnAccuracy": float((sk_svc.predict(xb[split:]) == yb[split:]).mean())},
    })

    # a seeded well-conditioned regression set, where 100 full-batch steps reach the least-squares optimum
    xr = rng.normal(size=(300, 5))
    yr = xr @ np.array([1.0, -1.0, 2.0, 0.5, 0.0]) + rng.normal(size=300) * 0.5
    sk_lin = LinearRegression(fit_intercept=False).fit(xr, yr)
    write("linear-regression-diabetes", {
        "data": {"features": xd.tolist(), "labels": yd.tolist()},
        "cases": [
            linear_case(xd, yd, wd, least_square_loss, **base),
            linear_case(xd, yd, wd, least_square_loss, **{**base, "reg": 0.1, "elasticNet": 0.25}),
            linear_case(xd, yd, wd, least_square_loss, **{**base, "maxIter": 500, "tol": 0.3}),
        ],
    })
    write("linear-regression-synthetic", {
        "data": {"features": xr.tolist(), "labels": yr.tolist()},
        "reference": linear_case(xr, yr, np.ones(300), least_square_loss, **{**base, "maxIter": 100, "learningRate": 0.5}),
        "optimum": sk_lin.coef_.tolist(),
    })


def lloyd(x, init, max_iter, distance):
    c = init.copy()
    for _ in range(max_iter):
        labels = distances(x, c, distance).argmin(axis=1)
        c = np.array([x[labels == j].mean(axis=0) for j in range(len(c))])
    return c


def distances(x, c, distance):
    if distance == "manhattan":
        return np.abs(x[:, None, :] - c[None, :, :]).sum(axis=2)
    if distance == "cosine":
        return 1 - (x @ c.T) / np.linalg.norm(x, axis=1)[:, None] / np.linalg.norm(c, axis=1)[None, :]
    return ((x[:, None, :] - c[None, :, :]) ** 2).sum(axis=2)


def has_near_tie(x, init, max_iter, distance):
    """Whether some point is (nearly) equidistant from its two closest centroids in some step: rounding may then
    assign it either way (iris has such points: its values have one decimal), so a fixture must avoid them."""
    c = init.copy()
    for _ in range(max_iter):
        d = np.sort(distances(x, c, distance), axis=1)
        if (d[:, 1] - d[:, 0]).min() < 1e-9:
            return True
        labels = distances(x, c, distance).argmin(axis=1)
        if min(np.bincount(labels, minlength=len(c))) == 0:
            return True
        c = np.array([x[labels == j].mean(axis=0) for j in range(len(c))])
    return False


def kmeans():
    iris = datasets.load_iris().data
    # the first rows (one per species, then on) from which no step of any case meets a tie or an empty cluster
    init_rows = next(
        [a, b, c]
        for a in range(0, 50) for b in range(50, 100) for c in range(100, 150)
        if not any(has_near_tie(iris, iris[[a, b, c]], 20, d) for d in ["euclidean", "manhattan", "cosine"])
    )
    cases = []
    for max_iter in [1, 2, 5, 20]:
        km = KMeans(n_clusters=3, init=iris[init_rows], n_init=1, algorithm="lloyd", tol=0, max_iter=max_iter).fit(iris)
        cases.append({"maxIter": max_iter, "distanceMeasure": "euclidean", "centroids": km.cluster_centers_.tolist(),
                      "labels": km.predict(iris).tolist()})
    for distance in ["manhattan", "cosine"]:
        cases.append({"maxIter": 10, "distanceMeasure": distance, "centroids": lloyd(iris, iris[init_rows], 10, distance).tolist()})
    write("kmeans-iris", {"data": iris.tolist(), "initRows": init_rows, "cases": cases})

    x, _ = datasets.make_blobs(n_samples=600, centers=5, n_features=6, random_state=7)
    init_rows = [0, 1, 2, 3, 4]
    assert not has_near_tie(x, x[init_rows], 30, "euclidean")
    km = KMeans(n_clusters=5, init=x[init_rows], n_init=1, algorithm="lloyd", tol=0, max_iter=30).fit(x)
    write("kmeans-blobs", {"data": x.tolist(), "initRows": init_rows, "maxIter": 30, "centroids": km.cluster_centers_.tolist(),
                           "labels": km.predict(x).tolist()})


def naive_bayes_case(x, y, smoothing):
    encoded = OrdinalEncoder(dtype=int).fit_transform(x)
    labels = np.unique(y)
    n, f = x.shape
    counts = np.array([(y == l).sum() for l in labels])
    pi = np.log(counts * f + smoothing) - np.log(n * f + len(labels) * smoothing)
    nb = CategoricalNB(alpha=smoothing, class_prior=np.exp(pi)).fit(encoded, y)
    return {
        "smoothing": smoothing,
        "labels": labels.tolist(),
        "categories": [np.unique(x[:, j]).tolist() for j in range(f)],
        "theta": [[nb.feature_log_prob_[j][i].tolist() for j in range(f)] for i in range(len(labels))],
        "piArray": pi.tolist(),
        "predictions": nb.predict(encoded).tolist(),
    }


def naive_bayes():
    rng = np.random.default_rng(3)
    value_sets = [[0.0, 1.0, 2.0], [10.0, 20.0], [-1.5, 0.5, 7.0, 9.0], [3.0, 4.0], [0.25, 0.5, 0.75]]
    y = rng.integers(0, 3, size=300).astype(float)
    x = np.column_stack([np.array(v)[(rng.integers(0, len(v), size=300) + (y.astype(int) if j % 2 == 0 else 0)) % len(v)]
                         for j, v in enumerate(value_sets)])
    digits = datasets.load_digits()
    xd = np.floor(digits.data / 4)
    yd = digits.target.astype(float)
    write("naive-bayes", {
        "synthetic": {"features": x.tolist(), "labels": y.tolist(), "cases": [naive_bayes_case(x, y, 1.0), naive_bayes_case(x, y, 0.5)]},
        "digits": {"features": xd.astype(int).tolist(), "labels": yd.astype(int).tolist(), "case": naive_bayes_case(xd, yd, 1.0)},
    })


def knn():
    bc = datasets.load_breast_cancer()
    x = standardize(bc.data)
    y = bc.target.astype(float)
    split = 400
    cases = []
    for k in [1, 5, 10]:
        clf = KNeighborsClassifier(n_neighbors=k, algorithm="brute").fit(x[:split], y[:split])
        cases.append({"k": k, "predictions": clf.predict(x[split:]).tolist()})
    write("knn-breast-cancer", {"split": split, "cases": cases})


def evaluator_case(scores, labels, weights):
    fpr, tpr, thresholds = roc_curve(labels, scores, sample_weight=weights, drop_intermediate=False)
    precision, recall, _ = precision_recall_curve(labels, scores, sample_weight=weights)
    w = np.ones(len(labels)) if weights is None else weights
    positive_rate = np.array([w[scores >= t].sum() for t in thresholds]) / w.sum()
    positive_rate[0] = 0.0  # roc_curve's first threshold is +inf: nothing predicted positive
    return {
        "scores": scores.tolist(), "labels": labels.tolist(), "weights": None if weights is None else weights.tolist(),
        "areaUnderROC": roc_auc_score(labels, scores, sample_weight=weights),
        "areaUnderPR": auc(recall, precision),
        "ks": float(np.abs(tpr - fpr).max()),
        "areaUnderLorenz": float(np.trapz(tpr, positive_rate)),
    }


def evaluator():
    rng = np.random.default_rng(21)
    labels = (rng.uniform(size=500) < 0.4).astype(float)
    scores = 1 / (1 + np.exp(-(labels * 1.2 + rng.normal(size=500))))
    weights = rng.uniform(0.2, 3.0, size=500)
    tied = np.round(scores, 1)  # many equal scores: one step each
    write("binary-classification-evaluator", {"cases": [
        evaluator_case(scores, labels, None),
        evaluator_case(scores, labels, weights),
        evaluator_case(tied, labels, None),
    ]})


def stats_tests():
    rng = np.random.default_rng(5)
    y = rng.integers(0, 3, size=400)
    cat = np.column_stack([(rng.integers(0, 3, size=400) + (y if j == 0 else 0)) % 4 for j in range(4)] + [np.zeros(400, dtype=int)])
    chi = []
    for j in range(cat.shape[1]):
        values = np.unique(cat[:, j])
        table = np.array([[((cat[:, j] == v) & (y == l)).sum() for l in np.unique(y)] for v in values])
        if len(values) == 1:
            chi.append({"statistic": 0.0, "pValue": 1.0, "dof": 0})
            continue
        statistic, p, dof, _ = stats.chi2_contingency(table, correction=False)
        chi.append({"statistic": round(statistic, 11), "pValue": round(p, 11), "dof": int(dof)})
    iris = datasets.load_iris()
    fc, pc = f_classif(iris.data, iris.target)
    db = datasets.load_diabetes()
    fr, pr = f_regression(db.data, db.target)
    points = [[0.5, 1], [3.2, 2], [10, 3], [40, 7], [100.5, 30]]
    fpoints = [[0.2, 1, 5], [1.5, 3, 40], [4.0, 2, 100], [30, 1, 440], [0.9, 10, 12]]
    write("stats-tests", {
        "chiSq": {"features": cat.tolist(), "labels": y.tolist(), "results": chi},
        "anova": {"fValues": fc.tolist(), "pValues": pc.tolist(), "dof": len(iris.target) - 1},
        "fValue": {"features": db.data.tolist(), "labels": db.target.tolist(), "fValues": fr.tolist(), "pValues": pr.tolist(), "dof": len(db.target) - 2},
        "chi2sf": [[x, k, stats.chi2.sf(x, k)] for x, k in points],
        "fsf": [[f, a, b, stats.f.sf(f, a, b)] for f, a, b in fpoints],
    })


def by_first_appearance(labels):
    ids = {}
    return [ids.setdefault(l, len(ids)) for l in labels]


def agglomerative():
    x, _ = datasets.make_blobs(n_samples=80, centers=4, n_features=3, random_state=11)
    cases = []
    for link, metric, scipy_metric in [("ward", "euclidean", "euclidean"), ("complete", "euclidean", "euclidean"),
                                       ("average", "manhattan", "cityblock"), ("single", "cosine", "cosine")]:
        z = linkage(x, method=link, metric=scipy_metric)
        labels = AgglomerativeClustering(n_clusters=4, linkage=link, metric=metric).fit(x).labels_
        # a threshold halfway between two merge distances, so "<" (scikit-learn) and "<=" (Flink ML) agree
        threshold = float((z[-3, 2] + z[-2, 2]) / 2)
        by_threshold = AgglomerativeClustering(n_clusters=None, distance_threshold=threshold, linkage=link, metric=metric).fit(x).labels_
        cases.append({
            "linkage": link, "distanceMeasure": metric,
            "labels": by_first_appearance(labels.tolist()),
            "threshold": threshold, "thresholdLabels": by_first_appearance(by_threshold.tolist()),
            "merges": [[int(a), int(b), float(d), int(c)] for a, b, d, c in z],
        })
    write("agglomerative-clustering", {"data": x.tolist(), "cases": cases})


def swing_reference(purchases, min_b, max_b, k, alpha1, alpha2, beta):
    items_of = {}
    for u, i in purchases:
        items_of.setdefault(u, set()).add(i)
    kept = {u: items for u, items in items_of.items() if min_b <= len(items) <= max_b}
    buyers = {}
    for u, items in kept.items():
        for i in items:
            buyers.setdefault(i, []).append(u)
    w = {u: (alpha1 + len(items)) ** -beta for u, items in kept.items()}
    out = {}
    for main, users in buyers.items():
        scores = {}
        for a in range(len(users)):
            for b in range(a + 1, len(users)):
                u, v = users[a], users[b]
                common = kept[u] & kept[v]
                for other in common - {main}:
                    scores[other] = scores.get(other, 0.0) + w[u] * w[v] / (alpha2 + len(common))
        if scores:
            out[main] = sorted(scores.items(), key=lambda e: (-e[1], e[0]))[:k]
    return out


def swing():
    rng = np.random.default_rng(8)
    purchases = []
    for u in range(60):
        n = int(rng.integers(2, 20))
        items = rng.choice(30, size=n, p=np.linspace(2, 1, 30) / np.linspace(2, 1, 30).sum())
        purchases += [(u, int(i)) for i in items]  # repeats: a user may buy an item twice
    cases = []
    for alpha2, beta in [(0, 0.3), (1, 0.8)]:
        ref = swing_reference(purchases, 3, 15, 5, 15, alpha2, beta)
        cases.append({"alpha2": alpha2, "beta": beta, "similar": {str(i): [[int(j), s] for j, s in v] for i, v in ref.items()}})
    write("swing", {"purchases": purchases, "minUserBehavior": 3, "maxUserBehavior": 15, "k": 5, "alpha1": 15, "cases": cases})


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    linear_models()
    kmeans()
    naive_bayes()
    knn()
    evaluator()
    stats_tests()
    agglomerative()
    swing()
