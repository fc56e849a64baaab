#!/usr/bin/env python3
"""NumPy implementations of the schemes `floatlab bench` times, on a 4096-column
float32 matrix of standard normal values (seeded), each timed against a copy
of the matrix in the same run, side by side with FloatLab's kernels (read
from `floatlab bench --as json`), and a bit-for-bit check of the dequantized
values: FloatLab's (`floatlab quantize --output`) against NumPy's.

    pip install numpy ml_dtypes
    swift build -c release
    python3 Benchmarks/quantization_peers.py [--rows R] [--repetitions N] [--floatlab .build/release/floatlab]

The NumPy versions follow each scheme's reference: int8 per channel
symmetric narrow (s = amax/127, float64 scale, round half even of x / s in
float64); mxfp4 (OCP floor rule, x · 2^-e cast with ml_dtypes, saturating);
nvfp4 and ggml's q8_0/q4_0 in float32 as torchao and ggml compute them (FloatLab
is run with --scale-arithmetic float32 for those, its default exact
arithmetic for the others).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

try:
    import numpy as np
    import ml_dtypes
except ImportError:
    sys.exit("error: this script needs numpy and ml_dtypes: pip install numpy ml_dtypes")


sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from peers import median_ns  # noqa: E402  (the same timing as the conversion peers)


def int8_channel(x):
    amax = np.abs(x).max(axis=1, keepdims=True).astype(np.float64)
    s = np.where(amax == 0, 1.0, amax / 127)
    q = np.clip(np.rint(x.astype(np.float64) / s), -127, 127).astype(np.int32)   # an integer code has no −0
    return (q * s).astype(np.float32)


E2M1 = np.array([0, 0.5, 1, 1.5, 2, 3, 4, 6], dtype=np.float32)


def mxfp4(x):
    b = x.reshape(-1, 32)
    amax = np.abs(b).max(axis=1, keepdims=True)
    with np.errstate(divide="ignore"):
        e = np.where(amax == 0, -127, np.floor(np.log2(np.where(amax == 0, 1, amax))).astype(np.int32) - 2)
    e = np.clip(e, -127, 127)
    scaled = b.astype(np.float64) * np.exp2(-e.astype(np.float64))
    q = np.clip(scaled, -6, 6).astype(np.float32).astype(ml_dtypes.float4_e2m1fn).astype(np.float32)
    return (q.astype(np.float64) * np.exp2(e.astype(np.float64))).astype(np.float32).reshape(x.shape)


def nvfp4(x):
    amax = np.float32(np.abs(x).max())
    s2 = np.float32(amax / np.float32(2688)) if amax > 0 else np.float32(1)
    b = x.reshape(-1, 16)
    bmax = np.abs(b).max(axis=1, keepdims=True)
    s = np.clip(bmax / np.float32(6) / s2, np.float32(2.0 ** -6), np.float32(448))
    sq = s.astype(ml_dtypes.float8_e4m3fn).astype(np.float32)
    scale32 = sq * s2
    y = np.clip(b / scale32, -6, 6).astype(ml_dtypes.float4_e2m1fn).astype(np.float32)
    out = y.astype(np.float64) * sq.astype(np.float64) * np.float64(s2)
    return out.astype(np.float32).reshape(x.shape)


def q8_0(x):
    b = x.reshape(-1, 32)
    amax = np.abs(b).max(axis=1, keepdims=True)
    d = amax / np.float32(127)
    with np.errstate(divide="ignore"):
        inv = np.where(d != 0, np.float32(1) / d, np.float32(0)).astype(np.float32)
    v = (b * inv).astype(np.float64)
    q = np.trunc(v + np.copysign(0.5, v)).astype(np.int32)   # roundf: half away from zero (exact in float64)
    d16 = d.astype(np.float16).astype(np.float32)
    return (q * d16).astype(np.float32).reshape(x.shape)


def q4_0(x):
    b = x.reshape(-1, 32)
    idx = np.argmax(np.abs(b), axis=1)
    m = b[np.arange(b.shape[0]), idx][:, None]
    d = m / np.float32(-8)
    with np.errstate(divide="ignore"):
        inv = np.where(d != 0, np.float32(1) / d, np.float32(0)).astype(np.float32)
    q = np.minimum(np.float32(15), np.trunc(b * inv + np.float32(8.5)))
    d16 = d.astype(np.float16).astype(np.float32)
    return ((q - 8) * d16).reshape(x.shape)


SCHEMES = {
    "int8/channel": (int8_channel, ["--scheme", "int8", "--granularity", "channel"]),
    "mxfp4": (mxfp4, ["--scheme", "mxfp4"]),
    "nvfp4": (nvfp4, ["--scheme", "nvfp4", "--scale-arithmetic", "float32"]),
    "q8_0": (q8_0, ["--scheme", "q8_0", "--scale-arithmetic", "float32"]),
    "q4_0": (q4_0, ["--scheme", "q4_0", "--scale-arithmetic", "float32"]),
}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=4096)
    ap.add_argument("--repetitions", type=int, default=5)
    ap.add_argument("--floatlab", default=".build/release/floatlab")
    args = ap.parse_args()
    x = np.random.default_rng(1).standard_normal((args.rows, 4096)).astype(np.float32)
    n = x.size
    out = np.empty_like(x)
    copy = median_ns(lambda: np.copyto(out, x), n, args.repetitions)

    kernels = ",".join("quantize:" + k for k in SCHEMES)
    bench = json.loads(subprocess.run([args.floatlab, "bench", "--kernels", kernels, "--elements", str(n),
                                       "--repetitions", str(args.repetitions), "--as", "json"],
                                      check=True, capture_output=True, text=True).stdout)
    ours = {r["kernel"].split(":", 1)[1]: r for r in bench}

    print(f"| scheme | numpy ns/elem | numpy × copy | FloatLab ns/elem | FloatLab × copy | speed-up | dequantized values equal |")
    print(f"|---|---:|---:|---:|---:|---:|---|")
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "x.npy")
        np.save(path, x)
        for name, (fn, flags) in SCHEMES.items():
            t = median_ns(lambda: fn(x), n, args.repetitions)
            mine = fn(x)
            outp = os.path.join(tmp, "q.npy")
            subprocess.run([args.floatlab, "quantize", path, "--output", outp] + flags, check=True, capture_output=True)
            theirs = np.load(outp)
            differ = int((mine.view(np.uint32) != theirs.view(np.uint32)).sum())
            r = ours.get(name)
            fl = r["ns_per_element"] if r else float("nan")
            flr = r["ratio_to_copy"] if r else float("nan")
            print(f"| {name} | {t:.2f} | {t / copy:.1f} | {fl:.2f} | {flr:.1f} | {t / fl:.2f} | "
                  + ("yes" if differ == 0 else f"no: {differ} of {n} differ") + " |")
    print(f"\nnumpy copy: {copy:.3f} ns/element; one thread each.")


if __name__ == "__main__":
    main()
