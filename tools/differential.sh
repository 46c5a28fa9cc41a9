#!/usr/bin/env bash
# Differential testing against lli-19 at scale (see examples/differential.rs for what is compared and how).
# Usage: tools/differential.sh stress|csmith FIRST_SEED COUNT [JOBS]
# Builds the release run_bitcode and differential tool, runs COUNT seeds from FIRST_SEED, prints the summary
# (programs compared and skipped, mismatches per mode, the share of functions tier 0 translated itself) and
# exits non-zero on a mismatch. Mismatching programs are kept under target/differential-SOURCE.
# csmith: apt-get install csmith libcsmith-dev.
set -eu
source=${1:?stress or csmith}
first=${2:?first seed}
count=${3:?count}
jobs=${4:-1}
cargo build --release --example run_bitcode --example differential
exec nice target/release/examples/differential --source "$source" --first "$first" --count "$count" \
  --jobs "$jobs" --workdir "target/differential-$source"
