#!/bin/sh
# What profile-guided optimization buys: each workload natively (clang-19 -O3) and under run_bitcode (release,
# tiered, default flags) on clang -O0 and -O1 bitcode, with and without `--pgo off`. The five variants run
# interleaved, one at a time, RUNS rounds. The table gives median wall time and median CPU time (user + system of
# the whole process, compile threads included; other load on the machine disturbs it less than wall time), and the
# PGO gain (CPU time with --pgo off / without). A cell is "wrong" when a run's stdout or exit code differed from
# the native binary's.
#
#   tools/pgo-gain.sh [RUNS] [WORKLOAD...]    (default: 5 rounds; the pgo_* workloads, dispatch and interp)
#
# RUNNER=path/to/run_bitcode uses that binary instead of building this tree's.
set -eu
cd "$(dirname "$0")/.."
runs=${1:-5}
[ $# -gt 0 ] && shift
if [ -z "${RUNNER:-}" ]; then
    cargo build --release --example run_bitcode >/dev/null 2>&1
    RUNNER=./target/release/examples/run_bitcode
fi
dir=target/pgo-gain
mkdir -p "$dir"
if [ $# -gt 0 ]; then names="$*"; else
    names="$(ls benches/workloads/pgo_*.c | xargs -n1 basename | sed 's/\.c$//') dispatch interp"
fi

# shellcheck source=tools/timed-runs.sh
. tools/timed-runs.sh

gain() {
    if [ -e "$dir/wrong.$1" ] || [ -e "$dir/wrong.$2" ]; then printf '—'; else
        awk -v a="$(median <"$dir/cpu.$1")" -v b="$(median <"$dir/cpu.$2")" 'BEGIN { printf "%.2fx", a / b }'
    fi
}

printf '| workload | native -O3 (s wall / CPU) | tiered -O0 | -O0 --pgo off | tiered -O1 | -O1 --pgo off | PGO gain -O0 | PGO gain -O1 |\n'
printf '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n'
for name in $names; do
    reference "$name"
    bitcode "$name" O0
    bitcode "$name" O1
    fresh
    i=0
    while [ $i -lt "$runs" ]; do
        run native "$dir/$name.native"
        run O0 "$RUNNER" "$dir/$name.O0.bc"
        run O0-off "$RUNNER" --pgo off "$dir/$name.O0.bc"
        run O1 "$RUNNER" "$dir/$name.O1.bc"
        run O1-off "$RUNNER" --pgo off "$dir/$name.O1.bc"
        i=$((i + 1))
    done
    printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$name" "$(cell native)" "$(cell O0)" "$(cell O0-off)" \
        "$(cell O1)" "$(cell O1-off)" "$(gain O0-off O0)" "$(gain O1-off O1)"
done
