#!/usr/bin/env bash
# make fuzz: builds the libFuzzer targets of Fuzz/ (address sanitizer on) and
# runs each for FUZZ_SECONDS (default 60) from its committed seeds in
# Fuzz/Corpus/<target>/. New inputs go to .build-fuzz/corpus/<target>/ and
# findings to .build-fuzz/findings/<target>/; the last lines are a table of
# executions per target. Exit status 1 when any target found something.
# FUZZ_TARGETS=FuzzNPY,FuzzSafetensors runs a subset; replay a finding with
# .build-fuzz/release/<target> FILE.
set -uo pipefail
cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-60}"
build=.build-fuzz
swift build -c release --package-path Fuzz --build-path "$build" \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld 2>&1 | grep -v "ld.gold: warning" | tail -3
[ "${PIPESTATUS[0]}" -eq 0 ] || { echo "fuzz: the build failed" >&2; exit 1; }
targets=$(ls Fuzz/Sources | grep '^Fuzz' | grep -v FuzzSupport)
[ -n "${FUZZ_TARGETS:-}" ] && targets=$(echo "$FUZZ_TARGETS" | tr ',' '\n')
# Swift's own crash backtracer would race AddressSanitizer's report.
export SWIFT_BACKTRACE=enable=no
status=0
summary=""
for t in $targets; do
  [ -x "$build/release/$t" ] || { echo "fuzz: no target $t (the targets are $(ls Fuzz/Sources | grep '^Fuzz' | grep -v FuzzSupport | tr '\n' ' '))" >&2; exit 2; }
  rm -rf "$build/findings/$t"
  mkdir -p "$build/corpus/$t" "$build/findings/$t"
  log="$build/findings/$t/log.txt"
  echo "fuzz: $t for ${seconds} s"
  "$build/release/$t" "$build/corpus/$t" "Fuzz/Corpus/$t" -max_total_time="$seconds" -timeout=10 \
    -rss_limit_mb=2048 -max_len=8192 -print_final_stats=1 -artifact_prefix="$build/findings/$t/" >"$log" 2>&1
  rc=$?
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*')
  if [ $rc -ne 0 ]; then
    status=1
    found=$(ls "$build/findings/$t" | grep -v log.txt | head -1)
    summary+=$(printf '%-20s %12s %8s  FOUND: %s (see %s)' "$t" "${runs:-?}" "${cov:-?}" "$build/findings/$t/$found" "$log")$'\n'
  else
    summary+=$(printf '%-20s %12s %8s  clean' "$t" "${runs:-?}" "${cov:-?}")$'\n'
  fi
done
printf '\n%-20s %12s %8s  %s\n' target executions coverage result
printf '%s' "$summary"
exit $status
