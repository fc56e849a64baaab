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

with open(os.path.join(OUT, "expected.json"), "w") as f:
    json.dump(expected, f, indent=1, sort_keys=True)
    f.write("\n")
