#!/usr/bin/env python3
"""Writes the seed corpus of every fuzz target under Corpus/<target>/.

Run once and commit (the files are small); `make fuzz` copies new inputs into
.build-fuzz/corpus/, never here. Needs NumPy. Each target's leading bytes pick
its settings (see Sources/FuzzSupport/FuzzInput.swift), so seeds carry them.
"""
import io, json, os, struct, zipfile
import numpy as np

here = os.path.dirname(os.path.abspath(__file__))

def put(target, name, data):
    d = os.path.join(here, "Corpus", target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())

def npy(array, version=None, fortran=False):
    b = io.BytesIO()
    a = np.asfortranarray(array) if fortran else array
    if version:
        np.lib.format.write_array(b, a, version=version)
    else:
        np.save(b, a)
    return b.getvalue()

def npy_named(descr, shape, payload):
    """A .npy whose descr is a dtype name, as ml_dtypes' arrays are read here."""
    header = "{'descr': '%s', 'fortran_order': False, 'shape': %s, }" % (descr, repr(tuple(shape)))
    header += " " * ((64 - (10 + len(header) + 1) % 64) % 64) + "\n"
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode() + payload

for i, spec in enumerate(["float8_e4m3fn", "e5m10", "e3m2b2", "e4m3fnuz", "binary8p3se", "bfloat16",
                          "e8m0fnu", "float6_e2m3fn", "e11m52", "e5m2b-3fn", "binary16p11uf", "tf32"]):
    put("FuzzFormatSpec", f"spec{i}", spec)

for i, lit in enumerate(["0.1", "-1.5e-3", "0x1.8p-3", "inf", "-nan", "0x7e", "0b0111_1110", "65504",
                         "1e-400", "3.4028235677973366e38", "-0x3c", "1e999999", "0.000000000000000000000000000000000000000000001401298464324817"]):
    put("FuzzNumberLiteral", f"lit{i}", bytes([i * 5]) + lit.encode())

put("FuzzNPY", "f32", b"\x00" + npy(np.arange(6, dtype="<f4").reshape(2, 3)))
put("FuzzNPY", "f16-fortran", b"\x00" + npy(np.arange(6, dtype="<f2").reshape(3, 2), fortran=True))
put("FuzzNPY", "f64-be-v2", b"\x00" + npy(np.array([1.5, -2.0], dtype=">f8"), version=(2, 0)))
put("FuzzNPY", "u8", b"\x01" + npy(np.array([0x38, 0x7E, 0x80], dtype="u1")))
put("FuzzNPY", "i64-v3", b"\x00" + npy(np.array([[1, -2]], dtype="<i8"), version=(3, 0)))
put("FuzzNPY", "bool-0d", b"\x00" + npy(np.array(True)))
put("FuzzNPY", "bf16-named", b"\x02" + npy_named("bfloat16", [2], b"\x80\x3f\x00\xc0"))
put("FuzzNPY", "e4m3-named", b"\x00" + npy_named("float8_e4m3fn", [3], b"\x38\x7e\xff"))

b = io.BytesIO()
np.savez(b, x=np.arange(4, dtype="<f4"), y=np.array([1, 0], dtype="u1"))
put("FuzzNPZ", "savez", b.getvalue())
b = io.BytesIO()
with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("x.npy", npy(np.zeros(3, dtype="<f4")))
put("FuzzNPZ", "deflated", b.getvalue())

def safetensors(tensors, metadata=None):
    header, blobs, offset = {}, [], 0
    for name, dtype, shape, payload in tensors:
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [offset, offset + len(payload)]}
        blobs.append(payload)
        offset += len(payload)
    if metadata:
        header["__metadata__"] = metadata
    h = json.dumps(header).encode()
    h += b" " * ((8 - len(h) % 8) % 8)
    return struct.pack("<Q", len(h)) + h + b"".join(blobs)

put("FuzzSafetensors", "two", safetensors([("w", "F32", [2, 2], np.arange(4, dtype="<f4").tobytes()),
                                           ("b", "BF16", [2], b"\x80\x3f\x00\xc0")], {"format": "pt"}))
put("FuzzSafetensors", "dtypes", safetensors([(f"t{i}", d, [1], b"\x01" * n) for i, (d, n) in enumerate(
    [("F64", 8), ("F16", 2), ("F8_E4M3", 1), ("F8_E5M2", 1), ("I64", 8), ("I32", 4), ("I16", 2), ("I8", 1),
     ("U64", 8), ("U32", 4), ("U16", 2), ("U8", 1), ("BOOL", 1)])]))
put("FuzzSafetensors", "empty", safetensors([("e", "F32", [0, 3], b"")]))

put("FuzzTextTensors", "lines", "1\n2.5\n-3e-2\n")
put("FuzzTextTensors", "csv", "a,b\n1,2\n3,4\n")
put("FuzzTextTensors", "comments", "# weights\n1.5e3\n\n-inf\nnan\n")

put("FuzzConvertLines", "patterns", bytes([0, 5, 0, 0, 0]) + b"0x3c00\n0x7bff\n0xfc00\n")
put("FuzzConvertLines", "decimals", bytes([3, 1, 2, 1, 1]) + b"0.1\n-1.5e-3\n65504\ninf\nnan\n")
put("FuzzConvertLines", "stochastic", bytes([1, 0, 6, 0, 0]) + b"0x1.8p-3\n1e-40\n")

put("FuzzArithLines", "add", bytes([0, 0, 0]) + b"0x38 0x40\n1.5 2\n")
put("FuzzArithLines", "fma", bytes([1, 5, 1]) + b"0x3c00 0x4000 0xbc00\n")
put("FuzzArithLines", "sqrt", bytes([2, 4, 3]) + b"0x40\n-1\ninf\n")
put("FuzzArithLines", "div", bytes([4, 3, 6]) + b"1 0\n0 0\n-0x1p-3 3\n")

put("FuzzCheckOutputs", "text", bytes([0, 0]) + b"0x38\n1.125\n# done\n")
put("FuzzCheckOutputs", "npy", bytes([0, 1]) + npy(np.array([0x38, 0x40], dtype="u1")))
put("FuzzCheckOutputs", "raw", bytes([1, 2]) + b"\x00\x3c\x00\x40")
