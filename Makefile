# dkg - convenience wrapper around CMake (cmark style).
#   make          build build/dkg          make demo    run the examples
#   make check    every test, plain and under ASan+UBSan, plus the format check
#   make install  PREFIX=/usr/local        make eval    score against ../shared/eval
#   make bench    throughput figures       make fuzz    run the libFuzzer targets
SHARED ?= $(abspath ../shared)
PREFIX ?= /usr/local
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
BUILD ?= build
CMAKE_FLAGS ?=
CTEST_FLAGS ?= --output-on-failure
FUZZ_SECONDS ?= 60

.PHONY: all deps deps-check build demo check test asan format format-check install eval bench fuzz clean

all: build

deps:
	@bash cmake/install-deps.sh

deps-check:
	@bash cmake/install-deps.sh --check-extra

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDKG_SHARED_DIR=$(SHARED) \
	    -DCMAKE_INSTALL_PREFIX=$(PREFIX) $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

demo: build
	@bash examples/demo.sh $(BUILD)/dkg

test: deps-check
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDKG_WERROR=ON \
	    -DDKG_SHARED_DIR=$(SHARED) $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)
	cd $(BUILD) && ctest $(CTEST_FLAGS) -j $(JOBS)

asan: deps-check
	@cmake -S . -B $(BUILD)-asan -DCMAKE_BUILD_TYPE=Debug -DDKG_WERROR=ON -DDKG_SANITIZE=ON \
	    -DDKG_SHARED_DIR=$(SHARED) $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD)-asan -j $(JOBS)
	cd $(BUILD)-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	    ctest $(CTEST_FLAGS) -j $(JOBS) -E '^script/(valgrind|virtuoso|bench|install_example)'

check: deps-check format-check test asan

FORMAT_FILES = $(shell git ls-files '*.c' '*.h' 2>/dev/null || find . -name '*.[ch]' -not -path './build*')

format:
	@clang-format -i $(FORMAT_FILES)

format-check:
	@clang-format --dry-run --Werror $(FORMAT_FILES) && echo "format check: ok"

install: build
	@cmake --install $(BUILD) --prefix $(PREFIX)

eval: build
	@bash tests/eval/eval.sh $(BUILD)/dkg $(SHARED)

bench: deps
	@bash bench/run.sh $(SHARED)

fuzz: deps-check
	@bash fuzz/run.sh $(FUZZ_SECONDS)

clean:
	rm -rf $(BUILD) $(BUILD)-asan build-bench build-fuzz
