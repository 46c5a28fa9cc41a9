#!/bin/sh
# Instructions per tier-0 compile, counted by callgrind (deterministic, unlike CPU time on a shared machine): the
# difference between 6 and 1 rounds of examples/tier0_compile_cpu, so loading and set-up cancel out.
#
#   tools/compile-instructions.sh FILE.bc [--plain] [--pgo off] [--osr off]
#
# BIN overrides the tier0_compile_cpu binary (default: this tree's release build).
set -eu
cd "$(dirname "$0")/.."
file=${1:?FILE.bc}
shift
if [ -z "${BIN:-}" ]; then
    cargo build --release --example tier0_compile_cpu >/dev/null 2>&1
    BIN=./target/release/examples/tier0_compile_cpu
fi
functions=$("$BIN" "$@" 1 "$file" | sed 's/.*: \([0-9]*\) functions.*/\1/')
count() {
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$BIN" "$@" 2>&1 | awk '/Collected/ { print $4 }'
}
one=$(count "$@" 1 "$file")
six=$(count "$@" 6 "$file")
echo "$file $*: $(((six - one) / (5 * functions))) instructions per compile ($functions functions)"
