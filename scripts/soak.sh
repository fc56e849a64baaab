#!/usr/bin/env bash
# make soak: long runs under a bound on virtual memory (ulimit -v), to show the
# memory bound holds. SOAK_LIMIT_MB (default 384) is the bound; the model is a
# generated 1.5 GiB transformer-shaped .safetensors (scripts/make-soak-model.py,
# the largest tensor 64 MiB), so a tool that read the file whole would fail.
# Prints seconds, peak resident memory and the exit status of each run.
set -uo pipefail
cd "$(dirname "$0")/.."
limit_mb="${SOAK_LIMIT_MB:-384}"
model=.build-data/soak-model.safetensors
out=.build-data/soak-out.safetensors
mkdir -p .build-data
if [ ! -f "$model" ]; then
  python3 -c "import numpy" 2>/dev/null || python3 -m pip install --quiet numpy
  python3 scripts/make-soak-model.py "$model" || exit 1
fi
swift build -c release --product floatlab 2>&1 | tail -1
tool=.build/release/floatlab
runs=(
  "verify conversions --from float32 --to float8_e4m3fn --exhaustive --rounding nearest-even,toward-zero"
  "verify arithmetic --format float8_e4m3fn --exhaustive --ops add,mul,div,sqrt"
  "quantize $model --scheme int8 --output $out"
  "quantize $model --scheme q4_0 --output $out --store codes"
  "quantize $model --compare int8,mxfp4,nvfp4,q4_0,q4_k"
)
status=0
printf 'ulimit -v %s MiB; %s is %s MiB\n\n' "$limit_mb" "$model" "$(( $(stat -c %s "$model") / 1048576 ))"
printf '| run | seconds | peak RSS (MiB) | exit |\n|---|--:|--:|--:|\n'
for r in "${runs[@]}"; do
  (ulimit -v $((limit_mb * 1024)); /usr/bin/time -o .build-data/soak-time.txt -f "%e %M %x" $tool $r >/dev/null 2>.build-data/soak-stderr.txt)
  read -r seconds rss code < <(tail -1 .build-data/soak-time.txt)
  [ "$code" = "0" ] || { status=1; echo "soak: '$r' failed:" >&2; tail -5 .build-data/soak-stderr.txt >&2; }
  printf '| `floatlab %s` | %s | %s | %s |\n' "${r//$model/MODEL}" "$seconds" "$((rss / 1024))" "$code"
done
rm -f "$out"
exit $status
