#!/usr/bin/env python3
"""Runs other libraries' float32 conversions over FloatLab's test vectors and
checks them with `floatlab check --convention NAME`: the cross-check of the
presets. Peers: ml_dtypes (`astype`) and gfloat (`round_float` then
`encode_float`, without and with saturation). Prints one line per target with
floatlab's diagnosis and exits 1 if any target differs in a way
Docs/Conventions.md does not list.

Usage: crosscheck-peers.py FLOATLAB [WORKDIR] [PEER ...]   (PEER: ml_dtypes, gfloat, gfloat-sat)
(make crosscheck-peers installs numpy, ml_dtypes and gfloat and runs them all).
"""
import json, os, subprocess, sys, tempfile

import ml_dtypes
import numpy as np

# FloatLab name -> ml_dtypes type.
ML_DTYPES = {
    "bfloat16": ml_dtypes.bfloat16,
    "float8_e4m3fn": ml_dtypes.float8_e4m3fn,
    "float8_e5m2": ml_dtypes.float8_e5m2,
    "float8_e4m3fnuz": ml_dtypes.float8_e4m3fnuz,
    "float8_e5m2fnuz": ml_dtypes.float8_e5m2fnuz,
    "float8_e4m3b11fnuz": ml_dtypes.float8_e4m3b11fnuz,
    "float8_e4m3": getattr(ml_dtypes, "float8_e4m3", None),
    "float8_e3m4": getattr(ml_dtypes, "float8_e3m4", None),
    "float8_e8m0fnu": getattr(ml_dtypes, "float8_e8m0fnu", None),
    "float6_e2m3fn": getattr(ml_dtypes, "float6_e2m3fn", None),
    "float6_e3m2fn": getattr(ml_dtypes, "float6_e3m2fn", None),
    "float4_e2m1fn": getattr(ml_dtypes, "float4_e2m1fn", None),
}


def ml_dtypes_converter(name):
    dtype = ML_DTYPES.get(name)
    if dtype is None:
        return None
    def convert(x):
        with np.errstate(all="ignore"):
            y = x.astype(dtype)
        return y.view(np.uint8 if np.dtype(dtype).itemsize == 1 else np.uint16).astype(np.uint64)
    return convert


def gfloat_converter(name, sat):
    try:
        import gfloat
        from gfloat import formats as g
    except ImportError:
        return None
    table = {
        "bfloat16": g.format_info_bfloat16, "float16": g.format_info_binary16,
        "float8_e4m3fn": g.format_info_ocp_e4m3, "float8_e5m2": g.format_info_ocp_e5m2,
        "float6_e2m3fn": g.format_info_ocp_e2m3, "float6_e3m2fn": g.format_info_ocp_e3m2,
        "float4_e2m1fn": g.format_info_ocp_e2m1, "float8_e8m0fnu": g.format_info_ocp_e8m0,
        "binary8p4se": g.format_info_p3109(8, 4), "binary8p3se": g.format_info_p3109(8, 3),
    }
    fi = table.get(name)
    if fi is None:
        return None
    def one(v):
        try:
            return gfloat.encode_float(fi, gfloat.round_float(fi, float(v), sat=sat))
        except ValueError:
            return None   # the format cannot hold it (NaN into fp4, say): reported as a mismatch
    def convert(x):
        # None where gfloat raised (no NaN in the format, say): those inputs are left out.
        return [one(v) for v in x]
    return convert


PEERS = {
    "ml_dtypes": (ml_dtypes_converter, "ml_dtypes"),
    "gfloat": (lambda n: gfloat_converter(n, False), "gfloat"),
    "gfloat-sat": (lambda n: gfloat_converter(n, True), "gfloat-sat"),
}
TARGETS = list(ML_DTYPES) + ["float16", "binary8p4se", "binary8p3se"]

# Differences Docs/Conventions.md documents (peer -> target -> kinds of mismatch); anything else fails.
NO_NAN = {"NaN encoding or sign"}
# gfloat writes every NaN result as encode_float's NaN code (0xFF…), whatever the sign: a NaN from an overflow
# counts as "overflow policy" there. Its E8M0 rounds ties to the even exponent code and has no zero to underflow to.
GFLOAT_NAN = {"NaN encoding or sign", "overflow policy"}
GFLOAT = {name: GFLOAT_NAN for name in ["bfloat16", "float16", "float8_e4m3fn", "float8_e5m2", "binary8p4se", "binary8p3se"]}
GFLOAT["float8_e8m0fnu"] = GFLOAT_NAN | {"tie handling"}
DOCUMENTED = {
    "ml_dtypes": {"float6_e2m3fn": NO_NAN, "float6_e3m2fn": NO_NAN, "float4_e2m1fn": NO_NAN},
    "gfloat": GFLOAT,
    "gfloat-sat": GFLOAT,
}


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    floatlab = sys.argv[1]
    work = sys.argv[2] if len(sys.argv) > 2 else tempfile.mkdtemp(prefix="floatlab-peers-")
    peers = sys.argv[3:] or list(PEERS)
    os.makedirs(work, exist_ok=True)
    print(f"numpy {np.__version__}, ml_dtypes {ml_dtypes.__version__}")
    unexpected = []
    for peer in peers:
        make, convention = PEERS[peer]
        print(f"{peer} (checked with --convention {convention}):")
        for name in TARGETS:
            convert = make(name)
            if convert is None:
                continue
            vectors = os.path.join(work, f"{name}.npy")
            subprocess.run([floatlab, "vectors", "--from", "float32", "--to", name, "--level", "2", "--as", "npy", "-o", vectors], check=True)
            inputs = np.load(vectors)[:, 0].astype(np.uint32)
            codes = convert(inputs.view(np.float32))
            if isinstance(codes, list):
                keep = np.array([c is not None for c in codes])
                raised = int((~keep).sum())
                inputs = inputs[keep]
                codes = np.array([c for c in codes if c is not None], dtype=np.uint64)
            else:
                raised = 0
            inp, out = os.path.join(work, f"{peer}-{name}.in.txt"), os.path.join(work, f"{peer}-{name}.out.txt")
            np.savetxt(inp, inputs, fmt="0x%08x")
            np.savetxt(out, codes, fmt="0x%x")
            r = subprocess.run([floatlab, "check", "--from", "float32", "--to", name, "--convention", convention,
                                "--inputs", inp, "--outputs", out, "--as", "json"], capture_output=True, text=True)
            if r.returncode not in (0, 1):
                print(f"  {name:20s} floatlab check failed: {r.stderr.strip()}")
                unexpected.append(f"{peer}/{name}")
                continue
            report = json.loads(r.stdout)
            line = f"  {name:20s} {report['checked']:6d} vectors, {report['mismatches']:5d} differ"
            if raised:
                line += f" ({raised} more raised ValueError in {peer}: left out)"
            if report["mismatches"]:
                line += f": {report['diagnosis']}"
                for m in report["first"][:3]:
                    line += f"\n{'':26s}{m['input']} ({m['input_value']}): floatlab {m['expected']}, {peer} {m['actual']} ({m['kind']})"
            print(line)
            if set(report["kinds"]) - DOCUMENTED[peer].get(name, set()):
                unexpected.append(f"{peer}/{name}")
    if unexpected:
        print("undocumented differences: " + ", ".join(unexpected))
        sys.exit(1)
    print("crosscheck-peers: every preset matches its library, apart from the documented differences")


if __name__ == "__main__":
    main()
