#!/usr/bin/env python3
"""Start-up of whole processes, side by side: each BINARY runs each FILE, RUNS times, interleaved one run at a
time (so load on a shared machine falls on all alike); prints the median wall time per binary and file.

    tools/startup.py RUNS BINARY[,BINARY...] FILE [FILE...]

A BINARY is a run_bitcode build (or anything taking one file argument); output is discarded.
"""
import os
import statistics
import subprocess
import sys
import time


def main() -> None:
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    runs, binaries, files = int(sys.argv[1]), sys.argv[2].split(","), sys.argv[3:]
    walls = {(b, f): [] for b in binaries for f in files}
    for _ in range(runs):
        for f in files:
            for b in binaries:
                start = time.perf_counter()
                subprocess.run([b, f], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
                walls[(b, f)].append(time.perf_counter() - start)
    print("| file | " + " | ".join(binaries) + " |")
    print("| --- |" + " ---: |" * len(binaries))
    for f in files:
        cells = [f"{statistics.median(walls[(b, f)]) * 1000:.1f} ms" for b in binaries]
        print(f"| {os.path.basename(f)} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
