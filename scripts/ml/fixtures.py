#!/usr/bin/python3
"""Oracle fixtures for ml/'s feature transformers, computed with scikit-learn 1.2.1, scipy and numpy.

Run: /usr/bin/python3 scripts/ml/fixtures.py   (writes test/ml/fixtures/*.json; the tests never run Python)

Where Flink ML defines a transformer differently from scikit-learn, the script converts scikit-learn's answer to
Flink ML's definition and says so beside the conversion. Every fixture holds the input rows and the expected output
rows, as lists of numbers (vectors dense unless stated).
"""
import json
import math
import os

import numpy as np
import scipy.fft
from sklearn import datasets
from sklearn.feature_extraction.text import TfidfTransformer
from sklearn.feature_selection import VarianceThreshold
from sklearn.preprocessing import Binarizer, MaxAbsScaler, MinMaxScaler, Normalizer, OneHotEncoder, PolynomialFeatures, StandardScaler

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "test", "ml", "fixtures")
os.makedirs(OUT, exist_ok=True)


def dump(name, data):
    def clean(x):
        if isinstance(x, np.ndarray):
            return [clean(v) for v in x.tolist()]
        if isinstance(x, list):
            return [clean(v) for v in x]
        if isinstance(x, dict):
            return {k: clean(v) for k, v in x.items()}
        if isinstance(x, (np.floating, float)):
            v = float(x)
            if math.isnan(v):
                return None  # JSON has no NaN: missing inputs are written as null, the tests read them back as NaN
            assert math.isfinite(v), f"{name}: infinite value"
            return v
        if isinstance(x, (np.integer,)):
            return int(x)
        return x

    with open(os.path.join(OUT, name + ".json"), "w") as f:
        json.dump(clean(data), f)


iris = datasets.load_iris().data
wine = datasets.load_wine().data
cancer = datasets.load_breast_cancer().data
digits = datasets.load_digits().data[:300]  # the first 300 images keep the fixtures small
diabetes = datasets.load_diabetes().data
rng = np.random.default_rng(20261205)

# StandardScaler (iris). Flink ML divides by the sample standard deviation (ddof = 1); scikit-learn by the
# population one (ddof = 0). The fixture takes scikit-learn's mean and recomputes the scale with ddof = 1.
sk = StandardScaler().fit(iris)
std_sample = np.std(iris, axis=0, ddof=1)
dump("standard-scaler-iris", {
    "input": iris,
    "mean": sk.mean_,
    "std": std_sample,
    "withMeanWithStd": (iris - sk.mean_) / std_sample,
    "withStdOnly": iris / std_sample,  # Flink ML's default: withMean = false, withStd = true
    "withMeanOnly": iris - sk.mean_,
})

# MinMaxScaler (wine, to [-1, 2]). The same formula as scikit-learn for non-constant features. A feature whose max
# and min differ by less than 1e-5 maps to (min + max) / 2 of the range in Flink ML (scikit-learn: to min); wine
# has none, so the fixture adds a constant column and sets its expected output by Flink ML's rule.
wine_c = np.hstack([wine, np.full((wine.shape[0], 1), 7.0)])
mm = MinMaxScaler(feature_range=(-1.0, 2.0)).fit(wine_c)
expected = mm.transform(wine_c)
expected[:, -1] = (-1.0 + 2.0) / 2
dump("min-max-scaler-wine", {"input": wine_c, "min": -1.0, "max": 2.0, "dataMin": mm.data_min_, "dataMax": mm.data_max_, "output": expected})

# MaxAbsScaler (breast cancer, negated on odd columns so signs matter; plus a zero column): the same as scikit-learn
# (a zero column keeps scale 1).
cancer_s = cancer * np.where(np.arange(cancer.shape[1]) % 2 == 1, -1.0, 1.0)
cancer_s = np.hstack([cancer_s, np.zeros((cancer.shape[0], 1))])
dump("max-abs-scaler-cancer", {"input": cancer_s, "maxAbs": MaxAbsScaler().fit(cancer_s).max_abs_, "output": MaxAbsScaler().fit_transform(cancer_s)})

# Normalizer (diabetes): p = 1, 2 and infinity from scikit-learn (l1, l2, max); p = 3 from numpy.
p3 = diabetes / np.power(np.sum(np.abs(diabetes) ** 3, axis=1), 1 / 3)[:, None]
dump("normalizer-diabetes", {
    "input": diabetes,
    "p1": Normalizer(norm="l1").fit_transform(diabetes),
    "p2": Normalizer(norm="l2").fit_transform(diabetes),
    "pInf": Normalizer(norm="max").fit_transform(diabetes),
    "p3": p3,
})

# Binarizer (iris): Flink ML's value > threshold ⇒ 1, else 0 is scikit-learn's rule. One threshold per column here
# (Flink ML's thresholds go per input column): column 0 of each row on its own, and the whole vector.
dump("binarizer-iris", {
    "input": iris,
    "scalarThreshold": 5.8,
    "scalarOutput": Binarizer(threshold=5.8).fit_transform(iris[:, :1])[:, 0],
    "vectorThreshold": 1.5,
    "vectorOutput": Binarizer(threshold=1.5).fit_transform(iris),
})

# DCT: Flink ML's DCT is JTransforms' scaled DCT-II (orthonormal), i.e. scipy's dct(type=2, norm='ortho'); the inverse
# is the orthonormal DCT-III.
signals = rng.normal(size=(20, 13))
dump("dct-random", {
    "input": signals,
    "forward": scipy.fft.dct(signals, type=2, norm="ortho", axis=1),
    "inverse": scipy.fft.idct(signals, type=2, norm="ortho", axis=1),
})

# IDF (digits as term counts): Flink ML's idf = log((m + 1) / (df + 1)); scikit-learn's smoothed idf adds 1 to that,
# so the fixture subtracts 1. minDocFreq = 30 zeroes the idf of terms in fewer than 30 documents (Flink ML's rule;
# scikit-learn has no such param, the fixture applies it to scikit-learn's idf).
tf = TfidfTransformer(smooth_idf=True, norm=None).fit(digits)
idf = tf.idf_ - 1.0
df = np.sum(digits > 0, axis=0)
idf_min = np.where(df >= 30, idf, 0.0)
dump("idf-digits", {"input": digits, "idf": idf, "docFreq": df, "output": digits * idf, "minDocFreq": 30, "idfMin": idf_min, "outputMin": digits * idf_min})

# VarianceThresholdSelector (digits): population variance, as scikit-learn; features with variance > threshold stay.
vt = VarianceThreshold(threshold=8.0).fit(digits)
dump("variance-threshold-digits", {"input": digits, "threshold": 8.0, "indices": np.nonzero(vt.get_support())[0], "output": vt.transform(digits)})

# OneHotEncoder: Flink ML encodes indices 0..max (the largest index seen in training) and, with dropLast (default),
# leaves out the last category. scikit-learn with categories 0..max and drop = [max] gives the same columns.
cats = rng.integers(0, 5, size=(40, 2)).astype(float)
cats[0] = [4, 2]
enc = OneHotEncoder(categories=[list(range(5)), list(range(int(cats[:, 1].max()) + 1))], drop=[4.0, cats[:, 1].max()], sparse_output=False).fit(cats)
out = enc.transform(cats)
width0 = 4
dump("one-hot-encoder", {"input": cats, "col0": out[:, :width0], "col1": out[:, width0:]})

# PolynomialExpansion: Flink ML (after Spark) orders the monomials by the exponent of the last variable, then
# recursively of the ones before it, and has no constant term; scikit-learn orders by total degree. The fixture takes
# scikit-learn's monomials and values and sorts them into Flink ML's order (by the reversed exponent tuple).
poly_in = rng.integers(-3, 4, size=(10, 3)).astype(float)
poly = {}
for degree in (2, 3):
    pf = PolynomialFeatures(degree=degree, include_bias=False).fit(poly_in)
    order = sorted(range(pf.powers_.shape[0]), key=lambda k: tuple(reversed(pf.powers_[k].tolist())))
    poly[f"degree{degree}"] = pf.transform(poly_in)[:, order]
dump("polynomial-expansion", {"input": poly_in, **poly})

# ---- hashing, interaction, indexing, bucketing, assembling --------------------------------------------------------
import struct
from collections import Counter
from sklearn.utils import murmurhash3_32


def java_hash_chars(s):
    """Guava murmur3_32(0).hashUnencodedChars: murmur3 over the string's UTF-16 code units, i.e. its UTF-16LE bytes."""
    return murmurhash3_32(s.encode("utf-16-le"), seed=0, positive=False)


def java_hash_term(t):
    """Flink ML's HashingTF.hash for the JavaScript value types: int32 integers as Integer, other numbers as Double."""
    if isinstance(t, bool):
        return murmurhash3_32(struct.pack("<i", 1 if t else 0), seed=0, positive=False)
    if isinstance(t, int):
        return murmurhash3_32(struct.pack("<i", t), seed=0, positive=False)
    if isinstance(t, float):
        return murmurhash3_32(struct.pack("<d", t), seed=0, positive=False)
    return java_hash_chars(t)


words = ["stream", "flink", "eddy", "model", "pipeline", "vector", "naïve", "café", "日本語", "emoji😀", "a", "", "Z"]
docs = [[words[int(i)] for i in rng.integers(0, len(words), size=int(rng.integers(0, 12)))] for _ in range(40)]
docs.append([1, 2, 2, -7, 2.5, True, False, "x"])
hashing = {}
for n in (16, 1000, 262144):
    for binary in (False, True):
        out = []
        for doc in docs:
            counts = Counter(java_hash_term(t) % n for t in doc)  # Python's % is Java's floorMod for n > 0
            out.append({str(k): (1.0 if binary else float(v)) for k, v in sorted(counts.items())})
        hashing[f"n{n}{'binary' if binary else ''}"] = out
dump("hashing-tf", {"docs": docs, **hashing, "hashes": {w: java_hash_chars(w) for w in words}})

# FeatureHasher: numeric columns add their value at |hash(name)| mod n, categorical ones 1 at |hash("name=value")|
# mod n (Java's Math.abs keeps Integer.MIN_VALUE negative; floorMod then makes it a bucket).
def java_abs(h):
    return h if h == -(2 ** 31) else abs(h)


fh_rows = [{"num": float(rng.normal()), "count": int(rng.integers(0, 5)), "color": ["red", "green", "blue"][int(rng.integers(0, 3))], "flag": bool(rng.integers(0, 2))} for _ in range(25)]
fh_out = []
for row in fh_rows:
    feature = Counter()
    for col in ("num",):
        feature[java_abs(java_hash_chars(col)) % 128] += row[col]
    for col in ("count", "color", "flag"):  # count is named categorical; color and flag are strings/booleans
        value = str(row[col]).lower() if isinstance(row[col], bool) else str(row[col])
        feature[java_abs(java_hash_chars(f"{col}={value}")) % 128] += 1.0
    fh_out.append({str(k): v for k, v in sorted(feature.items())})
dump("feature-hasher", {"rows": fh_rows, "numFeatures": 128, "output": fh_out})

# Interaction: the Kronecker product of the columns' vectors (numbers as size-1 vectors), first column slowest.
ia = rng.integers(-3, 4, size=(15, 3)).astype(float)
ib = rng.normal(size=(15, 2))
ic = rng.normal(size=15)
dump("interaction", {"a": ia, "b": ib, "c": ic, "output": [np.kron(np.kron(ia[i], [ic[i]]), ib[i]) for i in range(15)]})

# StringIndexer: counts per string; frequencyDesc with ties broken alphabetically (Flink ML leaves ties to a hash
# map), alphabetAsc by UTF-16 code units (Java's String.compareTo; these strings are all in the BMP).
labels = [["b", "a", "c", "d", "a", "é", "B"][int(i)] for i in rng.integers(0, 7, size=60)]
counts = Counter(labels)
freq_desc = sorted(counts, key=lambda s: (-counts[s], s))
alpha_asc = sorted(counts)
dump("string-indexer", {
    "input": labels,
    "frequencyDesc": [freq_desc.index(s) for s in labels],
    "frequencyDescStrings": freq_desc,
    "alphabetAsc": [alpha_asc.index(s) for s in labels],
    "alphabetDescStrings": sorted(counts, reverse=True),
    "frequencyAscStrings": sorted(counts, key=lambda s: (counts[s], s)),
})

# Bucketizer: numpy.digitize with right = False gives the bucket of [s_i, s_i+1); Flink ML closes the last bucket.
splits = [-1.5, 0.0, 0.5, 2.0]
bx = np.concatenate([rng.uniform(-1.5, 2.0, size=40), splits])
buckets = np.digitize(bx, splits, right=False) - 1
buckets[bx == splits[-1]] = len(splits) - 2
dump("bucketizer", {"input": bx, "splits": splits, "output": buckets})

# ---- quantile-based: Imputer, RobustScaler ---------------------------------------------------------------------
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import RobustScaler


def flink_quantile(column, p, relative_error=0.001):
    """Flink ML's QuantileSummary answer when it holds every value: the value at rank ceil(p n) (numpy 'inverted_cdf'),
    the smallest for p <= relativeError, the largest for p >= 1 - relativeError."""
    column = np.sort(column[~np.isnan(column)])
    if p <= relative_error:
        return column[0]
    if p >= 1 - relative_error:
        return column[-1]
    return np.quantile(column, p, method="inverted_cdf")


# Imputer (diabetes' first 4 columns with 15% of the entries missing as NaN, and a small-integer column with -1 as
# the missing value): mean and most_frequent from scikit-learn's SimpleImputer; the median converted to Flink ML's
# (scikit-learn averages the two middle values of an even count).
imp = diabetes[:, :4].copy()
imp[rng.random(imp.shape) < 0.15] = np.nan
ints = rng.integers(0, 6, size=(imp.shape[0], 1)).astype(float)
ints[rng.random(ints.shape) < 0.2] = -1
imputer_fx = {"input": imp, "ints": ints[:, 0]}
for strategy in ("mean", "most_frequent"):
    imputer_fx[strategy] = SimpleImputer(strategy=strategy).fit_transform(imp)
    imputer_fx[strategy + "Ints"] = SimpleImputer(strategy=strategy, missing_values=-1.0).fit_transform(ints)[:, 0]
medians = np.array([flink_quantile(imp[:, j], 0.5) for j in range(imp.shape[1])])
imputer_fx["median"] = np.where(np.isnan(imp), medians, imp)
imputer_fx["sklearnMedianDiffers"] = bool(not np.allclose(SimpleImputer(strategy="median").fit(imp).statistics_, medians))
dump("imputer", imputer_fx)

# RobustScaler (wine): Flink ML's median and quantile range with its quantile rule; scikit-learn's RobustScaler
# interpolates percentiles linearly, so only the formula (x - median) / range is shared.
q = {p: np.array([flink_quantile(wine[:, j], p) for j in range(wine.shape[1])]) for p in (0.5, 0.25, 0.75, 0.1, 0.9)}
rng_iqr = q[0.75] - q[0.25]
rng_1090 = q[0.9] - q[0.1]
sk_rs = RobustScaler().fit(wine)
dump("robust-scaler-wine", {
    "input": wine,
    "medians": q[0.5],
    "ranges": rng_iqr,
    "scaled": wine / rng_iqr,  # Flink ML's default: withCentering false, withScaling true
    "centeredScaled1090": (wine - q[0.5]) / rng_1090,
    "sklearnDiffers": bool(not np.allclose(sk_rs.scale_, rng_iqr)),
})
