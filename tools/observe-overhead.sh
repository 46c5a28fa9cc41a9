#!/bin/sh
# Wall time of run_bitcode (release, tiered) on the suite's workloads without and with each way of seeing inside:
# --perf-map, --jitdump, --gdb (not under a debugger: the cost of registering code and of the frame pointers and
# debug info the LLVM tiers then keep). One thing runs at a time; medians of RUNS runs; ratios against no flag.
#
#   tools/observe-overhead.sh [RUNS] [WORKLOAD...]    (default: 5 runs, every workload of benches/workloads)
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

# Median wall time in milliseconds of `run_bitcode FLAGS BITCODE`, output discarded.
median_ms() {
    bc=$1; shift
    i=0
    while [ $i -lt "$runs" ]; do
        start=$(date +%s%N)
        $run "$@" "$bc" >/dev/null 2>&1 || true
        end=$(date +%s%N)
        echo $(( (end - start) / 1000 ))
        i=$((i + 1))
    done | sort -n | awk '{ v[NR] = $1 } END { printf "%.1f", v[int((NR + 1) / 2)] / 1000 }'
}

printf '| workload | tiered (ms) | --perf-map | --jitdump | --gdb |\n| --- | ---: | ---: | ---: | ---: |\n'
for name in $names; do
    bc="$dir/$name.O1.bc"
    clang-19 -O1 -c -emit-llvm -w -o "$bc" "benches/workloads/$name.c"
    base=$(median_ms "$bc")
    perf=$(median_ms "$bc" --perf-map)
    dump=$(median_ms "$bc" --jitdump)
    gdb=$(median_ms "$bc" --gdb)
    awk -v n="$name" -v b="$base" -v p="$perf" -v d="$dump" -v g="$gdb" 'BEGIN {
        printf "| %s | %.1f | %.1f (%.2fx) | %.1f (%.2fx) | %.1f (%.2fx) |\n", n, b, p, p / b, d, d / b, g, g / b }'
done
# The runs' perf maps and jitdumps.
find /tmp -maxdepth 1 \( -name 'perf-*.map' -o -name 'jit-*.dump' \) -newer "$dir/start" -delete
