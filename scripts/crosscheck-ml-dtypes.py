#!/usr/bin/env python3
"""Runs ml_dtypes' float32 conversions over FloatLab's test vectors and checks
them with `floatlab check --convention ml_dtypes`: the cross-check of the
ml_dtypes preset. Prints one line per target with floatlab's diagnosis and
exits 1 if any target differs in a way Docs/Conventions.md does not list.

Usage: crosscheck-ml-dtypes.py FLOATLAB [WORKDIR]
(make crosscheck-ml-dtypes installs numpy and ml_dtypes and runs it).
"""
import json, os, subprocess, sys, tempfile

import ml_dtypes
import numpy as np

# FloatLab name -> ml_dtypes type.
TARGETS = {
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

# Differences Docs/Conventions.md documents (kind of mismatch per target); anything else fails.
DOCUMENTED = {
    "float6_e2m3fn": {"NaN encoding or sign", "overflow policy"},
    "float6_e3m2fn": {"NaN encoding or sign", "overflow policy"},
    "float4_e2m1fn": {"NaN encoding or sign", "overflow policy"},
}


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    floatlab = sys.argv[1]
    work = sys.argv[2] if len(sys.argv) > 2 else tempfile.mkdtemp(prefix="floatlab-ml-dtypes-")
    os.makedirs(work, exist_ok=True)
    print(f"ml_dtypes {ml_dtypes.__version__}, numpy {np.__version__}")
    unexpected = []
    for name, dtype in TARGETS.items():
        if dtype is None:
            print(f"{name:20s} not in this ml_dtypes version")
            continue
        vectors = os.path.join(work, f"{name}.npy")
        subprocess.run([floatlab, "vectors", "--from", "float32", "--to", name, "--level", "2", "--as", "npy", "-o", vectors], check=True)
        inputs = np.load(vectors)[:, 0].astype(np.uint32)
        with np.errstate(all="ignore"):
            y = inputs.view(np.float32).astype(dtype)
        width = np.dtype(dtype).itemsize
        codes = y.view(np.uint8 if width == 1 else np.uint16)
        inp, out = os.path.join(work, f"{name}.in.raw"), os.path.join(work, f"{name}.out.raw")
        inputs.astype("<u4").tofile(inp)
        codes.astype("<u1" if width == 1 else "<u2").tofile(out)
        r = subprocess.run([floatlab, "check", "--from", "float32", "--to", name, "--convention", "ml_dtypes",
                            "--inputs", inp, "--outputs", out, "--as", "json"], capture_output=True, text=True)
        if r.returncode not in (0, 1):
            sys.exit(f"floatlab check failed for {name}: {r.stderr}")
        report = json.loads(r.stdout)
        kinds = set(report["kinds"])
        line = f"{name:20s} {report['checked']:6d} vectors, {report['mismatches']:5d} differ"
        if report["mismatches"]:
            line += f": {report['diagnosis']}"
            for m in report["first"][:3]:
                line += f"\n{'':24s}{m['input']} ({m['input_value']}): floatlab {m['expected']}, ml_dtypes {m['actual']} ({m['kind']})"
        print(line)
        if kinds - DOCUMENTED.get(name, set()):
            unexpected.append(name)
    if unexpected:
        print("undocumented differences: " + ", ".join(unexpected))
        sys.exit(1)
    print("crosscheck-ml-dtypes: the ml_dtypes preset matches, apart from the documented differences")


if __name__ == "__main__":
    main()
