#!/usr/bin/env python3
"""Runs floatlab on every kind of bad input and prints what it answered.

    python3 scripts/bad-input-table.py [--floatlab .build/release/floatlab]

Each case builds its input in a temporary folder, runs one command, and
records the exit status, the first line of standard error, whether anything
reached standard output, and whether an output file (or a temporary file)
was left behind. The table is Markdown; the script exits 1 if any case
crashed (a signal), exited 0, printed results to stdout, or left a file.
Unreadable files are made with chmod 000 and, when run as root (who reads
through permissions), read as the user nobody. Every answer must be one
"Error: …" message from FloatLab.
"""
import argparse, json, os, shutil, struct, subprocess, sys, tempfile

parser = argparse.ArgumentParser()
parser.add_argument("--floatlab", default=".build/release/floatlab")
args = parser.parse_args()
tool = os.path.abspath(args.floatlab)

work = tempfile.mkdtemp(prefix="floatlab-bad-")
os.chmod(work, 0o755)


def path(name):
    return os.path.join(work, name)


def write(name, data):
    with open(path(name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())
    os.chmod(path(name), 0o644)
    return path(name)


def safetensors(header, data=b"", length=None):
    h = json.dumps(header).encode() if not isinstance(header, bytes) else header
    return struct.pack("<Q", len(h) if length is None else length) + h + data


def npy(header, data=b"", length=None):
    h = header.encode()
    h += b" " * ((64 - (10 + len(h) + 1) % 64) % 64) + b"\n"
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(h) if length is None else length) + h + data


def deflated_npz():
    import io, zipfile
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("x.npy", npy("{'descr': '<f4', 'fortran_order': False, 'shape': (4,), }", four))
    return b.getvalue()


good_header = {"w": {"dtype": "F32", "shape": [2, 2], "data_offsets": [0, 16]}}
four = struct.pack("<4f", 0.5, -1.0, 2.0, 3.0)
out = path("out.safetensors")

cases = [
    ("safetensors: truncated (data cut short)", ["quantize", write("cut.safetensors", safetensors(good_header, four[:10])), "--scheme", "int8", "--output", out]),
    ("safetensors: lying header (offsets past the end)", ["quantize", write("lie.safetensors", safetensors({"w": {"dtype": "F32", "shape": [4, 4], "data_offsets": [0, 64]}}, four)), "--scheme", "int8"]),
    ("safetensors: lying header (overlapping tensors)", ["quantize", write("overlap.safetensors", safetensors({"a": {"dtype": "F32", "shape": [4], "data_offsets": [0, 16]}, "b": {"dtype": "F32", "shape": [2], "data_offsets": [8, 16]}}, four)), "--scheme", "int8"]),
    ("safetensors: header length 2^60", ["quantize", write("huge.safetensors", safetensors(b"{}", b"", length=1 << 60)), "--scheme", "int8"]),
    ("safetensors: 10^12 elements claimed", ["quantize", write("tera.safetensors", safetensors({"w": {"dtype": "F32", "shape": [1000000, 1000000], "data_offsets": [0, 4000000000000]}}, four)), "--scheme", "int8"]),
    ("safetensors: header not JSON", ["quantize", write("garbage.safetensors", safetensors(b"{\"w\": [1, 2", b"")), "--scheme", "int8"]),
    ("safetensors: trailing bytes after the last tensor", ["quantize", write("trail.safetensors", safetensors(good_header, four + b"xx")), "--scheme", "int8"]),
    ("safetensors: unknown dtype (C64)", ["quantize", write("c64.safetensors", safetensors({"w": {"dtype": "C64", "shape": [2], "data_offsets": [0, 16]}}, four)), "--scheme", "int8"]),
    ("safetensors: empty file", ["quantize", write("empty.safetensors", b""), "--scheme", "int8"]),
    (".npy: truncated data", ["quantize", write("cut.npy", npy("{'descr': '<f4', 'fortran_order': False, 'shape': (8,), }", four)), "--scheme", "int8", "--output", path("out.npy")]),
    (".npy: header length past the end", ["quantize", write("longhdr.npy", npy("{'descr': '<f4', 'fortran_order': False, 'shape': (4,), }", four, length=60000)), "--scheme", "int8"]),
    (".npy: header over 1 MiB (version 2)", ["quantize", write("bighdr.npy", b"\x93NUMPY\x02\x00" + struct.pack("<I", 1 << 30) + b"{}"), "--scheme", "int8"]),
    (".npy: lying header (shape 2^40)", ["quantize", write("lie.npy", npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1099511627776,), }", four)), "--scheme", "int8"]),
    (".npy: damaged header dictionary", ["quantize", write("dict.npy", npy("{'descr': '<f4' 'fortran_order': False, 'shape': (4,), }", four)), "--scheme", "int8"]),
    (".npy: complex dtype", ["quantize", write("complex.npy", npy("{'descr': '<c8', 'fortran_order': False, 'shape': (2,), }", four)), "--scheme", "int8"]),
    (".npy: object array", ["quantize", write("object.npy", npy("{'descr': '|O', 'fortran_order': False, 'shape': (2,), }", four)), "--scheme", "int8"]),
    (".npy: structured dtype", ["quantize", write("struct.npy", npy("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (4,), }", four)), "--scheme", "int8"]),
    (".npy: not a .npy file", ["quantize", write("text.npy", "hello\n"), "--scheme", "int8"]),
    (".npz: compressed member (np.savez_compressed)", ["experiment", "ptq-vs-qat", "--data", write("c.npz", deflated_npz())]),
    (".npz: damaged archive", ["experiment", "ptq-vs-qat", "--data", write("d.npz", b"PK\x05\x06" + b"\xff" * 18)]),
    ("NaN in a tensor", ["quantize", write("nan.npy", npy("{'descr': '<f4', 'fortran_order': False, 'shape': (4,), }", struct.pack("<4f", 1, float("nan"), 2, float("inf")))), "--scheme", "int8", "--output", path("nan-out.npy")]),
    ("Inf in simulate data", ["simulate", "dot", "--format", "bfloat16", "--data", path("nan.npy")]),
    ("text tensor: a bad row", ["quantize", write("bad.txt", "1\n2\nbanana\n"), "--scheme", "int8"]),
    ("text tensor: ragged CSV", ["quantize", write("ragged.csv", "a,b\n1,2\n3\n"), "--scheme", "int8"]),
    ("missing input file", ["quantize", path("nowhere.safetensors"), "--scheme", "int8"]),
    ("input is a folder", ["quantize", work, "--scheme", "int8"]),
    ("unreadable input file (chmod 000, as nobody)", ["@nobody", "quantize", write("locked.npy", npy("{'descr': '<f4', 'fortran_order': False, 'shape': (4,), }", four)), "--scheme", "int8"]),
    ("output folder does not exist", ["quantize", path("nan.npy"), "--scheme", "int8", "--nonfinite", "zero", "--output", path("no/such/folder/out.npy")]),
    ("output folder does not exist (convert)", ["convert", "--to", "bfloat16", "--input", write("one.txt", "1.5\n"), "--output", path("missing/out.txt")]),
    ("bad format spec", ["convert", "--to", "e9m99"]),
    ("unknown format name", ["table", "--formats", "float7"]),
    ("bad rounding mode", ["convert", "--to", "bfloat16", "--rounding", "nearest-odd"]),
    ("unknown scheme", ["quantize", path("one.txt"), "--scheme", "int99"]),
    ("unknown option", ["quantize", path("one.txt"), "--schem", "int8"]),
    ("convert: garbage line", ["convert", "--to", "bfloat16", "--input", write("garbage.txt", "1.5\nhello world\n")]),
    ("convert: bit pattern out of range", ["convert", "--from", "float8_e4m3fn", "--to", "bfloat16", "--input", write("wide.txt", "0x38\n0x1ff\n")]),
    ("convert: bit pattern over 64 bits", ["convert", "--from", "float64", "--to", "bfloat16", "--input", write("wider.txt", "0x1ffffffffffffffff\n")]),
    ("arith: wrong operand count", ["arith", "--format", "bfloat16", "--op", "add", "--input", write("ops.txt", "0x3f80\n")]),
    ("arith: garbage operand", ["arith", "--format", "bfloat16", "--op", "fma", "--input", write("ops2.txt", "0x3f80 0x4000 pear\n")]),
    ("check: garbage in the outputs", ["check", "--from", "float32", "--to", "float8_e4m3fn", "--outputs", write("theirs.txt", "0x38\nnot-a-number\n")]),
    ("check: codes outside the format", ["check", "--from", "float32", "--to", "float6_e2m3fn", "--raw", "--outputs", write("theirs.bin", b"\x00\x40\xff")]),
    ("check: converter command fails", ["check", "--from", "float32", "--to", "bfloat16", "--command", "false"]),
    ("eval: malformed expression", ["eval", "--format", "bfloat16", "1 +* 2"]),
    ("eval: unknown variable", ["eval", "--format", "bfloat16", "x + 1"]),
    ("simulate: backwards sweep", ["simulate", "sum", "--format", "bfloat16", "--sweep", "100..10"]),
    ("vectors: no such level", ["vectors", "--from", "float32", "--to", "bfloat16", "--level", "3"]),
    ("report: unknown scheme", ["report", "--schemes", "int8,bogus", "--out", path("r.html")]),
    ("decode: pattern too wide", ["decode", "--format", "float8_e4m3fn", "0x100"]),
    ("verify: unknown operation", ["verify", "arithmetic", "--format", "bfloat16", "--random", "10", "--ops", "pow"]),
]

def run(argv):
    env = dict(os.environ, NO_COLOR="1")
    pre = []
    if argv[0] == "@nobody":
        argv = argv[1:]
        os.chmod(argv[1], 0o000)
        if os.geteuid() == 0:
            pre = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"]
    before = set(os.listdir(work))
    try:
        r = subprocess.run(pre + [tool] + argv, capture_output=True, text=True, timeout=60, env=env, cwd=work)
        status, err, stdout = r.returncode, r.stderr.strip().splitlines(), r.stdout
    except subprocess.TimeoutExpired:
        status, err, stdout = "timeout", ["(no answer within 60 s)"], ""
    after = set(os.listdir(work))
    return status, (err[0] if err else "(nothing on stderr)"), stdout, sorted(after - before)

bad = 0
print("| bad input | FloatLab's answer (first line of stderr) | exit |")
print("|---|---|--:|")
for name, argv in cases:
    status, message, stdout, left = run(argv)
    notes = []
    if isinstance(status, int) and status < 0: notes.append(f"KILLED BY SIGNAL {-status}")
    if status == 0: notes.append("EXIT 0")
    if status == "timeout": notes.append("HANG")
    if stdout.strip(): notes.append("STDOUT: " + stdout.strip().splitlines()[0][:60])
    if left: notes.append("LEFT FILES: " + ", ".join(left))
    if not message.startswith("Error: "): notes.append("NOT A FLOATLAB MESSAGE")
    if notes: bad += 1
    message = message.replace("|", "\\|").replace(work + "/", "").replace(work, "DIR")
    print(f"| {name} | {message}{' **' + '; '.join(notes) + '**' if notes else ''} | {status} |")
shutil.rmtree(work, ignore_errors=True)
print(f"\n{len(cases)} cases, {bad} with a problem.", file=sys.stderr)
sys.exit(1 if bad else 0)
