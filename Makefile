# The front door. `make demo` and `make test` work on a fresh Debian 12 machine:
# both install what is missing first (scripts/install-deps).
BUILD ?= build
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=
FUZZ_SECONDS ?= 60

.PHONY: all deps build test test-slow fuzz test-asan bench demo format tidy clean

all: build

deps:
	@scripts/install-deps

$(BUILD)/build.ninja:
	@cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSAWT_WERROR=ON $(CMAKE_FLAGS) >/dev/null

build: deps $(BUILD)/build.ninja
	@scripts/build-web
	@cmake --build $(BUILD) -j $(JOBS)

test: build
	@cd $(BUILD) && ctest -L fast --output-on-failure -j $(JOBS) --timeout 600

# The slow suite: crash loops, a million nonces, then every fuzz target for
# FUZZ_SECONDS each. Both halves run even if the first fails.
test-slow: build
	@rc=0; (cd $(BUILD) && ctest -L slow --output-on-failure -j $(JOBS)) || rc=1; \
	 $(MAKE) --no-print-directory fuzz || rc=1; exit $$rc

# libFuzzer targets (tests/fuzz) in their own clang build with ASan and UBSan.
fuzz: deps
	@CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSAWT_FUZZ=ON \
	   -DSAWT_TESTS=OFF >/dev/null
	@cmake --build build-fuzz -j $(JOBS) --target sawt_fuzzers
	@tests/fuzz/run.sh build-fuzz $(FUZZ_SECONDS)

test-asan: deps
	@cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DSAWT_SANITIZE=ON >/dev/null
	@cmake --build build-asan -j $(JOBS)
	@cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest -L fast --output-on-failure -j $(JOBS)

bench: deps
	@cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DSAWT_WERROR=OFF -DSAWT_BENCH=ON -DSAWT_TESTS=OFF >/dev/null
	@cmake --build build-bench -j $(JOBS)
	@bench/run build-bench

demo: build
	@scripts/demo $(BUILD)/sawt

format:
	@clang-format -i $$(git ls-files '*.cc' '*.h')

tidy: build
	@run-clang-tidy -p $(BUILD) -quiet 'src/.*'

clean:
	@rm -rf build build-asan build-bench build-fuzz
