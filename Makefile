# tierlift: `make run` runs the default program under the tiered JIT; `make test` runs the whole test suite.
# Both install what is missing first (Debian packages through apt-get; sudo only when not root).

DEB_PACKAGES := build-essential llvm-19-dev llvm-19 libpolly-19-dev zlib1g-dev libzstd-dev clang-19 csmith libcsmith-dev gdb
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
PROGRAM ?= examples/programs/mandelbrot.c
BITCODE := target/programs/$(basename $(notdir $(PROGRAM))).bc

.PHONY: deps run test bench clean-tests

deps:
	@missing=""; \
	for tool in clang-19 lli-19 opt-19 llvm-config-19 llvm-stress-19 csmith cc gdb; do command -v $$tool >/dev/null 2>&1 || missing=1; done; \
	for pkg in $(DEB_PACKAGES); do dpkg -s $$pkg >/dev/null 2>&1 || missing=1; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing: $(DEB_PACKAGES)"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(DEB_PACKAGES); \
	fi
	@command -v cargo >/dev/null 2>&1 || { echo "cargo not found: install Rust with rustup (https://rustup.rs)"; exit 1; }

run: deps
	cargo build --release --example run_bitcode
	@mkdir -p target/programs
	clang-19 -O1 -c -emit-llvm -o $(BITCODE) $(PROGRAM)
	./target/release/examples/run_bitcode --stats $(BITCODE)

test: deps
	cargo test --workspace

bench: deps
	cargo bench --bench compile_throughput
