#!/usr/bin/env bash
# Differential testing against lli-19 on random programs from csmith (apt-get install csmith libcsmith-dev).
# Usage: tools/csmith-diff.sh FIRST_SEED COUNT [WORKDIR]
# Each program is compiled by clang-19 at -O0, -O1 and -O2 and run by lli-19 and by run_bitcode in tier 0, in
# tiered mode with low thresholds, and with OSR forced at every loop. Programs lli-19 cannot finish in 10 s are
# skipped. A mismatch keeps its files in WORKDIR and is listed on stdout; the exit status is the mismatch count.
set -u
first=${1:?first seed}
count=${2:?count}
work=${3:-target/csmith}
run=${RUN_BITCODE:-target/release/examples/run_bitcode}
mkdir -p "$work"
fails=0
for ((seed = first; seed < first + count; seed++)); do
  c="$work/s$seed.c"
  (cd "$work" && csmith --seed "$seed" --no-packed-struct) > "$c" 2>/dev/null || continue
  keep=0
  for level in 0 1 2; do
    bc="$work/s$seed.O$level.bc"
    clang-19 -O$level -w -I/usr/include/csmith -c -emit-llvm -o "$bc" "$c" || continue
    expected=$(timeout 10 lli-19 "$bc" 2>/dev/null; echo "exit $?")
    case "$expected" in *"exit 124") rm -f "$bc"; continue ;; esac
    for mode in "--mode tier0" "--mode tiered --threshold 2 --loop-threshold 50" \
                "--mode tiered --threshold 1000000 --loop-threshold 1"; do
      # shellcheck disable=SC2086
      got=$(timeout 60 "$run" $mode "$bc" 2>"$bc.err"; echo "exit $?")
      # A program both runs kill with a signal (exit status above 128) counts as agreeing: which signal a crash
      # raises (SIGILL for `unreachable`, SIGSEGV, ...) differs between code generators.
      if [ "${expected##*exit }" -gt 128 ] && [ "${got##*exit }" -gt 128 ]; then continue; fi
      if [ "$got" != "$expected" ]; then
        echo "MISMATCH seed $seed -O$level [$mode]: expected '${expected//$'\n'/ }' got '${got//$'\n'/ }' $(head -c 300 "$bc.err")"
        fails=$((fails + 1))
        keep=1
      fi
    done
    [ $keep = 1 ] || rm -f "$bc" "$bc.err"
  done
  [ $keep = 1 ] || rm -f "$c"
done
exit $fails
