# Shared by the tools that time whole runs (sourced, not run): each run appends its wall and CPU time (user +
# system) to files per variant under $dir, and is marked wrong when its stdout or exit code differs from the
# reference's ($dir/ref, $ref_code).

# workload NAME: sets $src to benches/workloads/NAME.c or, failing that, NAME.cpp, and $cc to the compiler for it.
workload() {
    src="benches/workloads/$1.c"
    cc=clang-19
    if [ ! -e "$src" ]; then src="benches/workloads/$1.cpp"; cc=clang++-19; fi
}

# reference NAME: `workload NAME`, then NAME built natively (clang -O3) as $dir/NAME.native, whose stdout and exit
# code become the reference the runs are checked against.
reference() {
    workload "$1"
    $cc -O3 -w -o "$dir/$1.native" "$src" -lm -lpthread
    ref_code=0
    "$dir/$1.native" >"$dir/ref" 2>/dev/null || ref_code=$?
}

# bitcode NAME LEVEL: $dir/NAME.LEVEL.bc, the workload (after `reference NAME`) at clang -LEVEL.
bitcode() { $cc -"$2" -c -emit-llvm -w -o "$dir/$1.$2.bc" "$src"; }

# fresh: forgets the runs recorded so far.
fresh() { rm -f "$dir"/wall.* "$dir"/cpu.* "$dir"/wrong.*; }

median() { sort -n | awk '{ v[NR] = $1 } END { printf "%.3f", v[int((NR + 1) / 2)] }'; }

# run VARIANT COMMAND...: one timed run, appended to $dir/wall.VARIANT and $dir/cpu.VARIANT; a wrong result is
# recorded in $dir/wrong.VARIANT.
run() {
    v=$1
    shift
    code=0
    /usr/bin/time -f "%e %U %S" -o "$dir/one" "$@" >"$dir/out" 2>/dev/null || code=$?
    tail -n 1 "$dir/one" | awk '{ print $1 }' >>"$dir/wall.$v"
    tail -n 1 "$dir/one" | awk '{ print $2 + $3 }' >>"$dir/cpu.$v"
    if [ "$code" != "$ref_code" ] || ! cmp -s "$dir/out" "$dir/ref"; then touch "$dir/wrong.$v"; fi
}

# cell VARIANT: "wall / CPU" medians, or "wrong".
cell() {
    if [ -e "$dir/wrong.$1" ]; then printf 'wrong'; else printf '%s / %s' "$(median <"$dir/wall.$1")" "$(median <"$dir/cpu.$1")"; fi
}
