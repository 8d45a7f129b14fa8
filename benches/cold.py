#!/usr/bin/env python3
"""Cold page cache: `newsfacts run` and a ripgrep pass over corpus files that are not in memory.

Usage (from the repository root):
    python3 benches/cold.py --binary B [--baseline OLD] [--scale 10] [--repeat 4] [--threads 2]

A nightly run reads articles that arrived since the last one, and on these machines the kernel's
DAMON reclaim also evicts files nobody read for a while, so the cost of reading from the disk is
part of the job. Before every measured command, each corpus file is dropped from the page cache
(posix_fadvise DONTNEED, which needs no privileges); then ripgrep counts an age regex over the
files, and newsfacts runs with --threads (cache off, every table written). Rounds alternate the
order of the commands. Prints the median wall time of each, and newsfacts' time over ripgrep's
in the same round. The corpus is replicated as benches/throughput.py does (the GVA corpus,
default ×10) into a temporary folder; nothing is committed.
"""
import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import REPO, ensure_rg, median, replicate, timed  # noqa: E402


def evict(folder: Path) -> None:
    """Drops every file of `folder` from the page cache (written back first: the kernel keeps
    dirty pages, such as those of files just replicated)."""
    os.sync()
    for entry in os.scandir(folder):
        fd = os.open(entry.path, os.O_RDONLY)
        try:
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(fd)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=str(REPO.parent / "shared/corpus/gva-gunviolence-news"))
    ap.add_argument("--binary", required=True, help="the newsfacts binary to measure")
    ap.add_argument("--baseline", help="another newsfacts binary, measured in the same rounds")
    ap.add_argument("--scale", type=int, default=10)
    ap.add_argument("--repeat", type=int, default=4)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    rg = ensure_rg()
    tmp = Path(tempfile.mkdtemp(prefix="newsfacts-cold-"))
    try:
        src = tmp / f"x{args.scale}"
        n, size = replicate(Path(args.corpus), src, args.scale)
        config = tmp / "bench.toml"
        config.write_text("[run]\nincremental = false\n")
        commands = {"ripgrep": [rg, "-c", r"\b[0-9]{1,3}-year-old\b", str(src)]}
        for label, binary in (("this build", args.binary), ("baseline", args.baseline)):
            if binary:
                commands[label] = [binary, "run", "-q", "--config", config, "--input", src,
                                   "--output", tmp / f"out-{label.replace(' ', '-')}",
                                   "--threads", args.threads]
        seconds = {label: [] for label in commands}
        ratios = {label: [] for label in commands if label != "ripgrep"}
        for rep in range(args.repeat):
            order = list(commands) if rep % 2 == 0 else list(commands)[::-1]
            this_round = {}
            for label in order:
                shutil.rmtree(tmp / f"out-{label.replace(' ', '-')}", ignore_errors=True)
                evict(src)
                this_round[label] = timed(commands[label])[0]
                seconds[label].append(this_round[label])
            for label in ratios:
                ratios[label].append(this_round[label] / this_round["ripgrep"])
        mb = size / 1e6
        print(f"\ncold page cache, {args.scale}× corpus: {n} files, {mb:.1f} MB, "
              f"newsfacts with {args.threads} threads, {args.repeat} rounds\n")
        print("| command | median s | MB/s | × ripgrep time (median of rounds) | runs |")
        print("|---|---|---|---|---|")
        for label, runs in seconds.items():
            s = median(runs)
            ratio = f"{median(ratios[label]):.1f}" if label in ratios else "1"
            print(f"| {label} | {s:.2f} | {mb / s:.1f} | {ratio} | "
                  f"{' '.join(f'{r:.2f}' for r in runs)} |")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
