#!/bin/sh
# The cost of seeing inside: run_bitcode (release, tiered) on the suite's workloads without a flag and with each of
# --perf-map, --jitdump and --gdb (not under a debugger: the cost of reporting code, and of the frame pointers and
# debug info the LLVM tiers keep with --gdb). The four variants run interleaved, one at a time, RUNS rounds; the
# table gives the median CPU time (user + system, which other load on the machine disturbs less than wall time)
# and its ratio to no flag.
#
#   tools/observe-overhead.sh [RUNS] [WORKLOAD...]    (default: 5 rounds, every workload of benches/workloads)
set -eu
cd "$(dirname "$0")/.."
runs=${1:-5}
[ $# -gt 0 ] && shift
cargo build --release --example run_bitcode >/dev/null 2>&1
run=./target/release/examples/run_bitcode
dir=target/observe-overhead
mkdir -p "$dir"
touch "$dir/start"
if [ $# -gt 0 ]; then names="$*"; else names=$(ls benches/workloads/*.c | xargs -n1 basename | sed 's/\.c$//'); fi

# shellcheck source=tools/timed-runs.sh
. tools/timed-runs.sh

printf '| workload | no flag (s CPU) | --perf-map | --jitdump | --gdb |\n| --- | ---: | ---: | ---: | ---: |\n'
for name in $names; do
    bc="$dir/$name.O1.bc"
    clang-19 -O1 -c -emit-llvm -w -o "$bc" "benches/workloads/$name.c"
    rm -f "$dir"/times.*
    i=0
    while [ $i -lt "$runs" ]; do
        for v in none perf-map jitdump gdb; do
            flag=""; [ $v != none ] && flag="--$v"
            /usr/bin/time -f "%U %S" -o "$dir/one" $run $flag "$bc" >/dev/null 2>&1 || true
            tail -n 1 "$dir/one" | awk '{ print $1 + $2 }' >> "$dir/times.$v"
        done
        i=$((i + 1))
    done
    b=$(median < "$dir/times.none"); p=$(median < "$dir/times.perf-map")
    d=$(median < "$dir/times.jitdump"); g=$(median < "$dir/times.gdb")
    awk -v n="$name" -v b="$b" -v p="$p" -v d="$d" -v g="$g" 'BEGIN {
        printf "| %s | %.2f | %.2fx | %.2fx | %.2fx |\n", n, b, p / b, d / b, g / b }'
done
# The runs' perf maps and jitdumps.
find /tmp -maxdepth 1 \( -name 'perf-*.map' -o -name 'jit-*.dump' \) -newer "$dir/start" -delete
