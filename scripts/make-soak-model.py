#!/usr/bin/env python3
"""Writes a large transformer-shaped .safetensors file for `make soak`.

    python3 scripts/make-soak-model.py OUT [--layers 8] [--width 2048]

Each layer holds q, k, v and o projections (width × width), an MLP up and
down projection (4·width × width and width × 4·width), two norm weights and
biases; float32, seeded normal values scaled by 1/sqrt(width) with a few
outlier channels, written tensor by tensor (never the whole file in memory).
The defaults give 8 layers, 1.5 GiB, the largest tensor 64 MiB.
"""
import argparse, json, struct
import numpy as np

p = argparse.ArgumentParser()
p.add_argument("out")
p.add_argument("--layers", type=int, default=8)
p.add_argument("--width", type=int, default=2048)
a = p.parse_args()
w = a.width
shapes = []
for layer in range(a.layers):
    for name in ["q_proj", "k_proj", "v_proj", "o_proj"]:
        shapes.append((f"layers.{layer}.attn.{name}.weight", (w, w)))
    shapes.append((f"layers.{layer}.mlp.up.weight", (4 * w, w)))
    shapes.append((f"layers.{layer}.mlp.down.weight", (w, 4 * w)))
    shapes.append((f"layers.{layer}.norm1.weight", (w,)))
    shapes.append((f"layers.{layer}.mlp.up.bias", (4 * w,)))
header, offset = {}, 0
for name, shape in shapes:
    size = 4 * int(np.prod(shape))
    header[name] = {"dtype": "F32", "shape": list(shape), "data_offsets": [offset, offset + size]}
    offset += size
header["__metadata__"] = {"generator": "scripts/make-soak-model.py", "layers": str(a.layers), "width": str(w)}
h = json.dumps(header, separators=(",", ":")).encode()
h += b" " * ((8 - len(h) % 8) % 8)
rng = np.random.default_rng(2026)
with open(a.out, "wb") as f:
    f.write(struct.pack("<Q", len(h)) + h)
    for name, shape in shapes:
        x = rng.standard_normal(shape, dtype=np.float32) / np.float32(np.sqrt(w))
        if len(shape) == 2:
            x[:, rng.integers(0, shape[1], 4)] *= 20   # outlier input channels
        f.write(x.astype("<f4").tobytes())
print(f"{a.out}: {len(shapes)} tensors, {offset / 2**30:.2f} GiB of data")
