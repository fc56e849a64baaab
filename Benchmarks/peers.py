#!/usr/bin/env python3
"""Time ml_dtypes and numpy conversions on the same data sizes as `floatlab bench`,
each against a memory copy of the wider array (the float32 side, as `floatlab bench`
does) measured in the same run, and print the
ratios side by side with FloatLab's (read from `floatlab bench --json`).

    pip install numpy ml_dtypes pychop
    swift build -c release
    python3 Benchmarks/peers.py [--elements N] [--repetitions R] [--pychop-elements M] [--floatlab .build/release/floatlab]

Data: standard normal float32 (seeded), as in `floatlab bench`. Times are the
median of R repetitions, ns per element, one thread. The script also checks that
FloatLab's nearest-even results equal ml_dtypes' on the data (they should, bit
for bit, for every format they share).

Simulated dot products: pychop (PyPI) simulating the same computation, every
product and every addition rounded into the accumulator format, which in
pychop is a Python loop of Chop calls (its vectorized `dot` rounds only the
inputs and the result). pychop is timed on M elements (its cost per element
does not depend on the length) and its nearest-even results are compared with
`floatlab simulate dot` on the same data.
"""
import argparse
import json
import subprocess
import sys
import time

try:
    import numpy as np
    import ml_dtypes
except ImportError:
    sys.exit("error: this script needs numpy and ml_dtypes: pip install numpy ml_dtypes")


def median_ns(fn, n, repetitions):
    fn()  # warm up
    samples = []
    for _ in range(repetitions):
        t = time.perf_counter_ns()
        fn()
        samples.append(time.perf_counter_ns() - t)
    samples.sort()
    return samples[len(samples) // 2] / n


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--elements", type=int, default=1 << 24)
    ap.add_argument("--repetitions", type=int, default=7)
    ap.add_argument("--floatlab", default=".build/release/floatlab")
    ap.add_argument("--pychop-elements", type=int, default=2048)
    args = ap.parse_args()
    n, reps = args.elements, args.repetitions

    x = np.random.default_rng(1).standard_normal(n).astype(np.float32)
    out32 = np.empty_like(x)
    copy32 = median_ns(lambda: np.copyto(out32, x), n, reps)

    targets = {
        "bfloat16": ml_dtypes.bfloat16, "float16": np.float16,
        "float8_e4m3fn": ml_dtypes.float8_e4m3fn, "float8_e5m2": ml_dtypes.float8_e5m2,
        "float8_e4m3fnuz": ml_dtypes.float8_e4m3fnuz, "float6_e2m3fn": ml_dtypes.float6_e2m3fn,
        "float6_e3m2fn": ml_dtypes.float6_e3m2fn, "float4_e2m1fn": ml_dtypes.float4_e2m1fn,
    }
    peers = {}
    for name, dt in targets.items():
        y = np.empty(n, dtype=dt)
        peers[f"float32->{name}/nearest-even"] = (median_ns(lambda: np.copyto(y, x, casting="unsafe"), n, reps), copy32,
                                                  "numpy" if dt is np.float16 else "ml_dtypes")
        back = np.empty(n, dtype=np.float32)
        small = x.astype(dt)
        peers[f"{name}->float32/nearest-even"] = (median_ns(lambda: np.copyto(back, small, casting="unsafe"), n, reps), copy32,
                                                  "numpy" if dt is np.float16 else "ml_dtypes")

    try:
        ours = json.loads(subprocess.run([args.floatlab, "bench", "--json", "--elements", str(n), "--repetitions", str(reps)],
                                         check=True, capture_output=True, text=True).stdout)
    except (OSError, subprocess.CalledProcessError) as e:
        sys.exit(f"error: could not run {args.floatlab} bench ({e}); build it with swift build -c release")

    print(f"{n} elements, median of {reps}; ratios are to a copy of the float32 array measured in the same run\n")
    print(f"| kernel | FloatLab ns/el | × copy | peer | peer ns/el | × copy | FloatLab speed-up |")
    print(f"|---|---:|---:|---|---:|---:|---:|")
    for row in ours:
        k = row["kernel"]
        ns, ratio = row["ns_per_element"], row["ratio_to_copy"]
        if k in peers:
            pns, pcopy, who = peers[k]
            print(f"| {k} | {ns:.3f} | {ratio:.2f} | {who} | {pns:.3f} | {pns / pcopy:.2f} | {pns / ns:.1f}× |")
        else:
            print(f"| {k} | {ns:.3f} | {ratio:.2f} | – | – | – | – |")

    # Bit-for-bit agreement on the data, through floatlab convert on an .npy file.
    import os
    import tempfile
    with tempfile.TemporaryDirectory() as d:
        src = os.path.join(d, "x.npy")
        np.save(src, x)
        for name, dt in targets.items():
            dst = os.path.join(d, f"{name}.npy")
            subprocess.run([args.floatlab, "convert", "--to", name, "--input", src, "--output", dst], check=True)
            got = np.load(dst)
            ref = x.astype(dt).view(got.dtype)
            same = (got == ref).mean()
            print(f"agreement with {'numpy' if dt is np.float16 else 'ml_dtypes'} on float32->{name}: {same * 100:.4f}%")

    simulated_dots(args, ours)


def simulated_dots(args, ours):
    """pychop's per-operation simulation of the dot products FloatLab's bench times."""
    try:
        import pychop
    except ImportError:
        print("\npychop is not installed (pip install pychop): no simulated dot product peer")
        return
    import os
    import tempfile
    m = args.pychop_elements
    rng = np.random.default_rng(3)
    inputs = {"bfloat16": ml_dtypes.bfloat16, "float8_e4m3fn": ml_dtypes.float8_e4m3fn}
    accumulators = {"float32": (8, 23), "bfloat16": (8, 7)}
    modes = {"nearest-even": 1, "stochastic:16": 5}
    ours_by_kernel = {row["kernel"]: row for row in ours}
    print(f"\nsimulated dot products: pychop {pychop.__version__ if hasattr(pychop, '__version__') else ''} on {m} elements "
          f"(a Python loop of Chop calls, one per operation), FloatLab's recursive kernel from the bench above\n")
    print("| kernel | FloatLab ns/el | × native float32 | pychop ns/el | FloatLab speed-up | nearest-even result equal |")
    print("|---|---:|---:|---:|---:|---|")
    with tempfile.TemporaryDirectory() as d:
        for iname, idt in inputs.items():
            x = rng.standard_normal(m).astype(np.float32).astype(idt).astype(np.float64)
            y = rng.standard_normal(m).astype(np.float32).astype(idt).astype(np.float64)
            xs, ys = os.path.join(d, "x.npy"), os.path.join(d, "y.npy")
            np.save(xs, x)
            np.save(ys, y)
            for aname, (e, f) in accumulators.items():
                for mname, rmode in modes.items():
                    ch = pychop.Chop(exp_bits=e, sig_bits=f, rmode=rmode)
                    ch(np.float64(0.5))   # warm up
                    t = time.perf_counter_ns()
                    s = ch(np.float64(x[0] * y[0]))
                    for i in range(1, m):
                        s = ch(s + ch(np.float64(x[i] * y[i])))
                    pns = (time.perf_counter_ns() - t) / m
                    kernel = f"simulate:dot/{iname}/{aname}/{mname}"
                    row = ours_by_kernel.get(kernel)
                    same = "–"
                    if rmode == 1:
                        out = subprocess.run([args.floatlab, "simulate", "dot", "--format", iname, "--accumulator", aname,
                                              "--data", xs, "--data", ys, "--as", "json"], check=True, capture_output=True, text=True)
                        same = "yes" if json.loads(out.stdout)["result"] == float(np.asarray(s).item()) else "NO"
                    if row:
                        print(f"| {kernel} | {row['ns_per_element']:.3f} | {row['ratio_to_baseline']:.2f} | {pns:.0f} | "
                              f"{pns / row['ns_per_element']:.0f}× | {same} |")
                    else:
                        print(f"| {kernel} | – | – | {pns:.0f} | – | {same} |")


if __name__ == "__main__":
    main()
