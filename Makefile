# FloatLab: the two set-up commands of the README are `make table` and `make test`.
.PHONY: deps build table test bench clean

deps:
	@scripts/ensure-deps.sh

build: deps
	swift build

# The main job: build and print the default format comparison table.
table: deps
	swift run --quiet floatlab table

# The whole test suite.
test: deps
	swift test

clean:
	rm -rf .build
