#!/usr/bin/env python3
"""Writes a transformer-like set of weights with outlier channels to a
.safetensors file (default .build-data/transformer-like.safetensors), seeded,
for `floatlab quantize --compare all`:

- 4 layers of width 512: attention q, k, v, o [512, 512], MLP up [2048, 512]
  and down [512, 2048], N(0, 0.02) weights; biases N(0, 0.01); two layer norms
  per layer, weight 1 + N(0, 0.05), bias N(0, 0.02);
- an embedding [8000, 512], N(0, 0.05), float16;
- outlier channels, as large language models have them: in every matrix that
  reads the hidden state, input columns 7, 100 and 333 are scaled by 20
  (a few features far larger than the rest), and the MLP down projection is
  drawn from a Student t with 4 degrees of freedom × 0.02 (heavy tails);
- the layer-norm weights of channel 7 are 15 (the norm that feeds the outlier).

    pip install numpy safetensors
    python3 scripts/make-transformer-tensors.py [OUTPUT]
"""
import os
import sys

import numpy as np
from safetensors.numpy import save_file

out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", ".build-data", "transformer-like.safetensors")
os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
rng = np.random.default_rng(20261202)
width, hidden, layers = 512, 2048, 4
outliers = [7, 100, 333]
tensors = {"embed.weight": (rng.normal(0, 0.05, size=(8000, width))).astype(np.float16)}
for l in range(layers):
    p = f"layers.{l}."
    for name in ["q", "k", "v", "o"]:
        w = rng.normal(0, 0.02, size=(width, width)).astype(np.float32)
        if name != "o":
            w[:, outliers] *= 20
        tensors[p + f"attn.{name}.weight"] = w
        tensors[p + f"attn.{name}.bias"] = rng.normal(0, 0.01, size=(width,)).astype(np.float32)
    up = rng.normal(0, 0.02, size=(hidden, width)).astype(np.float32)
    up[:, outliers] *= 20
    tensors[p + "mlp.up.weight"] = up
    tensors[p + "mlp.up.bias"] = rng.normal(0, 0.01, size=(hidden,)).astype(np.float32)
    tensors[p + "mlp.down.weight"] = (rng.standard_t(4, size=(width, hidden)) * 0.02).astype(np.float32)
    tensors[p + "mlp.down.bias"] = rng.normal(0, 0.01, size=(width,)).astype(np.float32)
    for norm in ["norm1", "norm2"]:
        g = (1 + rng.normal(0, 0.05, size=(width,))).astype(np.float32)
        g[7] = 15
        tensors[p + norm + ".weight"] = g
        tensors[p + norm + ".bias"] = rng.normal(0, 0.02, size=(width,)).astype(np.float32)
save_file(tensors, out, metadata={"generator": "scripts/make-transformer-tensors.py", "seed": "20261202"})
print(out)
