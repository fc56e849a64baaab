# FloatLab: the two set-up commands of the README are `make table` and `make test`.
.PHONY: deps build table test bench clean

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

clean:
	rm -rf .build
