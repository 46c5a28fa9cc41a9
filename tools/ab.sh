#!/bin/sh
# Two builds of run_bitcode side by side: each workload natively (clang-19 -O3) and under BEFORE and AFTER
# (tiered, default flags, plus any FLAGS) on clang -O0 and -O1 bitcode, interleaved one run at a time, RUNS
# rounds. The table gives median wall and CPU time (user + system of the whole process, compile threads
# included) and AFTER / BEFORE for both. A cell is "wrong" when a run's stdout or exit code differed from the
# native binary's.
#
#   BEFORE=path/to/old/run_bitcode AFTER=path/to/new/run_bitcode tools/ab.sh [RUNS] WORKLOAD...
#
# AFTER defaults to this tree's release build; FLAGS (e.g. "--mode llvm-o3") go to both.
set -eu
cd "$(dirname "$0")/.."
: "${BEFORE:?BEFORE=path/to/the/other/run_bitcode}"
if [ -z "${AFTER:-}" ]; then
    cargo build --release --example run_bitcode >/dev/null 2>&1
    AFTER=./target/release/examples/run_bitcode
fi
runs=${1:-5}
[ $# -gt 0 ] && shift
mkdir -p target
dir=$(mktemp -d target/ab.XXXXXX)
trap 'rm -rf "$dir"' EXIT

# shellcheck source=tools/timed-runs.sh
. tools/timed-runs.sh

ratio() {
    if [ -e "$dir/wrong.$1" ] || [ -e "$dir/wrong.$2" ]; then printf '—'; else
        awk -v a="$(median <"$dir/wall.$1")" -v b="$(median <"$dir/wall.$2")" \
            -v c="$(median <"$dir/cpu.$1")" -v d="$(median <"$dir/cpu.$2")" 'BEGIN { printf "%.2fx / %.2fx", a / b, c / d }'
    fi
}

printf '| workload | level | native -O3 (s wall / CPU) | before | after | after / before (wall / CPU) |\n'
printf '| --- | --- | ---: | ---: | ---: | ---: |\n'
for name in "$@"; do
    reference "$name"
    for level in O0 O1; do
        bitcode "$name" "$level"
        fresh
        i=0
        while [ $i -lt "$runs" ]; do
            run native "$dir/$name.native"
            # shellcheck disable=SC2086
            run before "$BEFORE" ${FLAGS:-} "$dir/$name.$level.bc"
            # shellcheck disable=SC2086
            run after "$AFTER" ${FLAGS:-} "$dir/$name.$level.bc"
            i=$((i + 1))
        done
        printf '| %s | -%s | %s | %s | %s | %s |\n' "$name" "$level" "$(cell native)" "$(cell before)" "$(cell after)" \
            "$(ratio after before)"
    done
done
