#!/usr/bin/env bash
# make sanitize: the whole test suite built with AddressSanitizer, then with
# ThreadSanitizer (release builds with -enable-testing, in .build-asan and
# .build-tsan; the tool the CLI tests run is instrumented too). SANITIZERS
# picks one ("address" or "thread"). ThreadSanitizer runs the suites whose
# code runs on several threads: the bulk kernels, the parallel MPFR sweeps
# and kernel sweeps, the seeds of the PTQ/QAT experiment run in parallel, and
# MPFR called from many threads at once; TSAN_FILTER (a swift test --filter
# pattern) changes that list, TSAN_FILTER=. runs everything.
#
# Leak detection is off under AddressSanitizer: the Swift runtime and XCTest
# keep objects until exit, and TemporaryFiles keeps its paths' strings for
# its signal handler on purpose. Every other finding fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
export SWIFT_BACKTRACE=enable=no
for s in ${SANITIZERS:-address thread}; do
  case "$s" in
    address) dir=.build-asan; export ASAN_OPTIONS="detect_leaks=0:halt_on_error=1:abort_on_error=0"; filter=() ;;
    thread) dir=.build-tsan; export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1"; filter=(--filter "${TSAN_FILTER:-BulkKernelTests|BoundaryConversionTests|ExhaustiveConversionTests|SweepReferenceTests|PTQvsQATTests|ThreadedMPFRTests|TypeConversionTests}") ;;
    *) echo "sanitize: unknown sanitizer '$s' (address or thread)" >&2; exit 2 ;;
  esac
  echo "sanitize: building the tests with --sanitize=$s in $dir"
  start=$(date +%s)
  swift build --build-tests -c release --sanitize="$s" --build-path "$dir" -Xswiftc -enable-testing 2>&1 | grep -E "error|Compiling|Build complete" | tail -2
  [ "${PIPESTATUS[0]}" -eq 0 ] || { echo "sanitize: the $s build failed" >&2; exit 1; }
  built=$(date +%s)
  echo "sanitize: running the tests under $s"
  log="$dir/sanitize-test.log"
  if ! swift test --skip-build -c release --sanitize="$s" --build-path "$dir" ${filter[@]+"${filter[@]}"} >"$log" 2>&1; then
    grep -E "ERROR: (Address|Thread)Sanitizer|WARNING: ThreadSanitizer|SUMMARY|✘|error:" "$log" | head -30
    echo "sanitize: $s found something or a test failed; the whole log is $log" >&2
    exit 1
  fi
  done_at=$(date +%s)
  grep -E "^✔ Test run with|Executed [0-9]+ tests" "$log" | tail -3
  echo "sanitize: $s clean (build $((built - start)) s, tests $((done_at - built)) s)"
done
