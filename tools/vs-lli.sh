#!/bin/sh
# Native, tiered and lli-19 side by side: each workload natively (clang-19 -O3), then its clang -O0 and -O1
# bitcode under this tree's release run_bitcode (tiered, default flags) and under `lli-19 -O2`, interleaved one
# run at a time, RUNS rounds. The table gives median wall seconds and the ratios tiered / native and
# tiered / lli; a cell is "wrong" when a run's stdout or exit code differed from the native binary's.
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

# shellcheck source=tools/timed-runs.sh
. tools/timed-runs.sh

wall() { if [ -e "$dir/wrong.$1" ]; then printf 'wrong'; else median <"$dir/wall.$1"; fi; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a + 0 == 0 || b + 0 == 0) printf "—"; else printf "%.2f", a / b }'; }

printf '| workload | level | native | tiered | lli-19 -O2 | tiered / native | tiered / lli |\n'
printf '| --- | --- | ---: | ---: | ---: | ---: | ---: |\n'
for name in "$@"; do
    reference "$name"
    for level in O0 O1; do
        bitcode "$name" "$level"
        fresh
        i=0
        while [ $i -lt "$runs" ]; do
            run native "$dir/$name.native"
            run tiered "$jit" "$dir/$name.$level.bc"
            run lli lli-19 -O2 "$dir/$name.$level.bc"
            i=$((i + 1))
        done
        n=$(wall native)
        t=$(wall tiered)
        l=$(wall lli)
        printf '| %s | -%s | %s | %s | %s | %s | %s |\n' "$name" "$level" "$n" "$t" "$l" "$(ratio "$t" "$n")" \
            "$(ratio "$t" "$l")"
    done
done
