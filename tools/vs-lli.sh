#!/bin/bash
# Native, tiered and lli-19 side by side: each workload natively (clang-19 -O3), then its clang -O0 and -O1
# bitcode under this tree's release run_bitcode (tiered, default flags) and under `lli-19 -O2`, interleaved one
# run at a time, RUNS rounds; the table gives median wall seconds and the ratios tiered / native, tiered / lli.
#
#   tools/vs-lli.sh [RUNS] WORKLOAD...
set -eu
cd "$(dirname "$0")/.."
runs=${1:-3}
[ $# -gt 0 ] && shift
cargo build --release --example run_bitcode >/dev/null 2>&1
jit=./target/release/examples/run_bitcode
mkdir -p target
dir=$(mktemp -d target/vs-lli.XXXXXX)
trap 'rm -rf "$dir"' EXIT
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
timed() { /usr/bin/time -f "%e" "$@" >/dev/null 2>"$dir/err"; tail -1 "$dir/err"; }
printf '| workload | level | native | tiered | lli-19 -O2 | tiered / native | tiered / lli |\n'
printf '| --- | --- | ---: | ---: | ---: | ---: | ---: |\n'
for name in "$@"; do
    src="benches/workloads/$name.c"
    cc=clang-19
    if [ ! -e "$src" ]; then src="benches/workloads/$name.cpp"; cc=clang++-19; fi
    $cc -O3 -w -o "$dir/$name.native" "$src" -lm -lpthread
    for level in O0 O1; do
        $cc -$level -c -emit-llvm -w -o "$dir/$name.bc" "$src"
        : >"$dir/native"; : >"$dir/tiered"; : >"$dir/lli"
        for _ in $(seq "$runs"); do
            timed "$dir/$name.native" >>"$dir/native"
            timed "$jit" "$dir/$name.bc" >>"$dir/tiered"
            timed lli-19 -O2 "$dir/$name.bc" >>"$dir/lli"
        done
        n=$(median <"$dir/native"); t=$(median <"$dir/tiered"); l=$(median <"$dir/lli")
        awk -v w="$name" -v lv="$level" -v n="$n" -v t="$t" -v l="$l" \
            'BEGIN { printf "| %s | -%s | %s | %s | %s | %.2f | %.2f |\n", w, lv, n, t, l, t / n, t / l }'
    done
done
