#!/usr/bin/env python3
"""Writes the small .npy and .safetensors files the TensorIO tests read, with
NumPy, ml_dtypes and the safetensors package (independent writers of both
formats), and expected.json: for every array its dtype, shape and values in C
order (floats widened to float64, exact). Seeded; rerun to regenerate:

    pip install numpy ml_dtypes safetensors
    python3 scripts/make-tensor-fixtures.py
"""
import io
import json
import os

import ml_dtypes
import numpy as np
from numpy.lib import format as npformat
from safetensors.numpy import save_file

OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "TensorIOTests", "Fixtures")
rng = np.random.default_rng(20261202)
expected = {}


def record(name, array, dtype_name):
    expected[name] = {
        "dtype": dtype_name,
        "shape": list(array.shape),
        "values": [float(v) for v in np.ascontiguousarray(array).astype(np.float64).ravel()],
    }


def save_npy(name, array, version=None, dtype_name=None):
    path = os.path.join(OUT, name)
    if version is None:
        np.save(path, array)
    else:
        with open(path, "wb") as f:
            npformat.write_array(f, array, version=version)
    record(name, array, dtype_name or str(array.dtype))


values = rng.normal(size=(3, 4)).astype(np.float32)
save_npy("big-endian-f4.npy", values.astype(">f4"), dtype_name="float32")
save_npy("fortran-i2.npy", np.asfortranarray(rng.integers(-300, 300, size=(2, 3, 4)).astype(np.int16)), dtype_name="int16")
save_npy("fortran-f8.npy", np.asfortranarray(rng.normal(size=(5, 3))), dtype_name="float64")
save_npy("version2-f2.npy", rng.normal(size=(7,)).astype(np.float16), version=(2, 0), dtype_name="float16")
save_npy("version3-u1.npy", rng.integers(0, 255, size=(2, 2)).astype(np.uint8), version=(3, 0), dtype_name="uint8")
save_npy("bool.npy", rng.integers(0, 2, size=(5,)).astype(np.bool_), dtype_name="bool")
save_npy("scalar-f4.npy", np.array(2.5, dtype=np.float32), dtype_name="float32")
save_npy("bfloat16-ml_dtypes.npy", rng.normal(size=(2, 3)).astype(ml_dtypes.bfloat16), dtype_name="bfloat16")
save_npy("e4m3fn-ml_dtypes.npy", (rng.normal(size=(6,)) * 50).astype(ml_dtypes.float8_e4m3fn), dtype_name="float8_e4m3fn")

tensors = {
    "model.layers.0.weight": rng.normal(size=(4, 8)).astype(np.float32),
    "model.layers.0.bias": rng.normal(size=(4,)).astype(np.float16),
    "model.norm.weight": rng.normal(size=(8,)).astype(ml_dtypes.bfloat16),
    "model.embed.ids": rng.integers(-5, 5, size=(3,)).astype(np.int64),
    "model.mask": rng.integers(0, 2, size=(2, 2)).astype(np.bool_),
    "model.fp8": (rng.normal(size=(2, 4)) * 10).astype(ml_dtypes.float8_e4m3fn),
    "model.scalar": np.array(1.25, dtype=np.float64),
}
save_file(tensors, os.path.join(OUT, "small.safetensors"), metadata={"format": "pt", "source": "fixtures"})
for k, v in tensors.items():
    record("small.safetensors:" + k, v, str(v.dtype))


# TensorRT's entropy calibration, as pytorch-quantization's _compute_amax_entropy
# computes it (start bin 128, stride 1, 8 bits signed: 128 levels), on a
# seeded heavy-tailed sample; scipy.stats.entropy(p, q) written out.
def entropy_amax(values, num_bins=2048, levels=128, start_bin=128):
    a = np.abs(values).astype(np.float64)
    hist, edges = np.histogram(a, bins=num_bins, range=(0, a.max()))
    bins = hist.astype(np.float64)
    bins[0] = bins[1]
    total = bins.sum()
    divergences, arguments = [], []
    for i in range(start_bin, len(bins) + 1):
        space = np.linspace(0, i, num=levels + 1)
        digitized = np.digitize(range(i), space) - 1
        digitized[bins[:i] == 0] = -1
        counts = np.zeros(levels)
        for idx, d in enumerate(digitized):
            if d != -1:
                counts[d] += bins[idx]
        nonzero = np.zeros(levels)
        for d in digitized:
            if d != -1:
                nonzero[d] += 1
        q = np.zeros(i)
        for idx, d in enumerate(digitized):
            if d != -1:
                q[idx] = counts[d] / nonzero[d]
        p = bins[:i].copy()
        p[-1] += bins[i:].sum()
        p = p / p.sum()
        q = q / q.sum()
        with np.errstate(divide="ignore", invalid="ignore"):
            terms = np.where(p > 0, p * np.log(p / q), 0.0)
        divergences.append(terms.sum() if np.all(q[p > 0] > 0) else np.inf)
        arguments.append(i)
    divergences = np.array(divergences)
    last = len(divergences) - 1 - np.argmin(divergences[::-1])
    return int(arguments[last]), float(edges[arguments[last]])


sample = (rng.laplace(0, 1, size=20000)).astype(np.float32)
np.save(os.path.join(OUT, "laplace-20000.npy"), sample)
bin_index, threshold = entropy_amax(sample)
expected["entropy:laplace-20000.npy"] = {"dtype": "float32", "shape": [2], "values": [bin_index, threshold]}

with open(os.path.join(OUT, "expected.json"), "w") as f:
    json.dump(expected, f, indent=1, sort_keys=True)
    f.write("\n")

# .npz archives: np.savez (stored members, which FloatLab reads) and np.savez_compressed (refused with a message).
np.savez(os.path.join(OUT, "xy.npz"), x=np.arange(12, dtype=np.float32).reshape(3, 4), y=np.array([0, 1, 2], dtype=np.int64))
np.savez_compressed(os.path.join(OUT, "compressed.npz"), x=np.zeros(3, dtype=np.float32))
