#!/usr/bin/env python3
"""Whole-process benchmark of `newsfacts run`, with its peers measured side by side in one run.

Usage (from the repository root):
    python3 benches/throughput.py [--corpus DIR] [--scales 1,10,100] [--dateparser-sample 60]

It builds the release binary (with --profile dist, the dist profile's: whole-program optimization;
with --binary, it measures that binary instead, such as the profile-guided build of benches/pgo.sh),
replicates the corpus (default: ../shared/corpus/gva-gunviolence-news) into a temporary folder at
each scale (distinct file names and contents, so distinct ids), and for each scale runs newsfacts
with 1 and 2 threads (cache off, every table written, reconcile included), recording wall time,
MB/s, articles/s, peak RSS and the share of time per stage (from the manifest).
Below 100×, each measurement is repeated (--repeat, default 3; 1- and 2-thread runs alternate) and
the median is reported, as the machines are shared; at 100× and more, --repeat-large (default 1).
Time and peak RSS each report their own median, and the JSON keeps every run's figures.
Below 100×, each round also runs two 1-thread runs side by side: twice the work with nothing shared
but the machine, the most a second core can give any program here. The speed-up target is printed
beside that ceiling, round by round.
Peers in the same run: a ripgrep pass counting an age regex over the same files at the start of
every round (installed from Debian's packages when missing; the ratio to ripgrep is taken round by
round, each run against its own round's pass, and its median reported), and Python dateparser's search_dates over a fixed sample of the
articles (installed from PyPI into a virtual environment inside the temporary folder). Nothing is
committed; results are printed as a Markdown table and written as JSON next to the corpora.

With --baseline BINARY, another newsfacts build (say, of an earlier commit:
`git worktree add /tmp/base REV && cargo build --release --manifest-path /tmp/base/Cargo.toml`)
is measured in the same run on the same corpora, its runs alternating with this build's, and a
second table gives the time ratio of the two for each corpus and thread count.
"""
import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


# ru_maxrss of RUSAGE_CHILDREN is the max over all children so far: each measured child runs
# through a fresh python so that the figure is its own. Its CPU time (user + system) is measured
# too: it leaves out the time a run waits for a core, so that builds compare more steadily on a
# shared machine than by wall time (contention still slows the CPU itself).
WRAPPER = [sys.executable, "-c",
           "import resource,subprocess,sys,time,json;t=time.time();"
           "p=subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL);"
           "u=resource.getrusage(resource.RUSAGE_CHILDREN);"
           "print(json.dumps({'s':time.time()-t,'rss':u.ru_maxrss,'cpu':u.ru_utime+u.ru_stime,'rc':p.returncode}))"]


def timed_together(*cmds):
    """Starts every command at once; returns (seconds, peak RSS in MiB, CPU seconds) of each, in
    order."""
    procs = [subprocess.Popen(WRAPPER + [str(c) for c in cmd], stdout=subprocess.PIPE, text=True)
             for cmd in cmds]
    figures = []
    for cmd, proc in zip(cmds, procs):
        out, _ = proc.communicate()
        if proc.returncode != 0:
            raise SystemExit(f"the timing wrapper failed ({proc.returncode}): {' '.join(map(str, cmd))}")
        r = json.loads(out.strip().splitlines()[-1])
        if r["rc"] != 0:
            raise SystemExit(f"command failed ({r['rc']}): {' '.join(map(str, cmd))}")
        figures.append((r["s"], r["rss"] / 1024.0, r["cpu"]))
    return figures


def timed(cmd):
    """Runs cmd; returns (seconds, peak RSS of that child in MiB, its CPU seconds)."""
    return timed_together(cmd)[0]


def replicate(src: Path, dst: Path, times: int) -> tuple[int, int]:
    files = sorted(p for p in src.iterdir() if p.suffix == ".txt")
    dst.mkdir(parents=True, exist_ok=True)
    n = size = 0
    for k in range(times):
        for f in files:
            data = f.read_bytes()
            if k:
                data = data.rstrip() + f"\n\nReplica {k}.\n".encode()
            out = dst / f"r{k:03d}_{f.name}"
            out.write_bytes(data)
            n += 1
            size += len(data)
    return n, size


def ensure_rg() -> str:
    rg = shutil.which("rg")
    if rg:
        return rg
    print("installing ripgrep from Debian's packages …", file=sys.stderr)
    subprocess.run(["apt-get", "update", "-qq"], check=False)
    subprocess.run(["apt-get", "install", "-y", "-qq", "ripgrep"], check=False)
    rg = shutil.which("rg")
    if not rg:
        raise SystemExit("ripgrep is not available")
    return rg


def dateparser_rate(tmp: Path, corpus: Path, sample: int) -> dict:
    venv = tmp / "venv"
    if not (venv / "bin" / "python").exists():
        sh([sys.executable, "-m", "venv", str(venv)])
        sh([str(venv / "bin" / "pip"), "install", "-q", "dateparser"])
    files = sorted(p for p in corpus.iterdir() if p.suffix == ".txt")[:sample]
    script = (
        "import sys,time,json\n"
        "from dateparser.search import search_dates\n"
        "texts=[open(f,encoding='utf-8',errors='replace').read() for f in sys.argv[1:]]\n"
        "search_dates('warm up on Monday')\n"
        "t=time.time(); n=0\n"
        "for x in texts:\n"
        "    r=search_dates(x, languages=['en']); n+=len(r or [])\n"
        "s=time.time()-t; b=sum(len(x.encode()) for x in texts)\n"
        "print(json.dumps({'seconds':s,'bytes':b,'found':n,'articles':len(texts)}))\n"
    )
    out = subprocess.run([str(venv / "bin" / "python"), "-c", script, *map(str, files)], check=True,
                         capture_output=True, text=True)
    r = json.loads(out.stdout.strip().splitlines()[-1])
    r["mb_per_s"] = r["bytes"] / 1e6 / r["seconds"]
    return r


def median(values):
    """The middle value (the upper one of an even count)."""
    values = sorted(values)
    return values[len(values) // 2]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=str(REPO.parent / "shared/corpus/gva-gunviolence-news"))
    ap.add_argument("--scales", default="1,10,100")
    ap.add_argument("--dateparser-sample", type=int, default=60)
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder")
    ap.add_argument("--baseline", help="another newsfacts binary to measure side by side (see above)")
    ap.add_argument("--profile", default="release",
                    help="cargo profile of this build: release (default) or dist (whole-program "
                         "optimization, slower to build)")
    ap.add_argument("--binary",
                    help="measure this newsfacts binary as this build instead of building one "
                         "(say, the profile-guided build of benches/pgo.sh)")
    ap.add_argument("--repeat", type=int, default=3,
                    help="runs per measurement on corpora below 100× (the median is reported; the machine is shared)")
    ap.add_argument("--repeat-large", type=int, default=1,
                    help="runs per measurement on corpora of 100× and more (peak RSS moves by a few MiB "
                         "from run to run: repeat to measure its median)")
    args = ap.parse_args()
    corpus = Path(args.corpus)
    if not corpus.is_dir():
        raise SystemExit(f"no corpus at {corpus}: pass --corpus DIR")
    if args.binary:
        binary = Path(args.binary).resolve()
        if not os.access(binary, os.X_OK):
            raise SystemExit(f"--binary {binary} is not an executable")
    else:
        sh(["cargo", "build", "--profile", args.profile, "-q"], cwd=REPO)
        target = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
        binary = target / args.profile / "newsfacts"
    rg = ensure_rg()
    tmp = Path(tempfile.mkdtemp(prefix="newsfacts-bench-"))
    config = tmp / "bench.toml"
    config.write_text("[run]\nincremental = false\n")
    results = {"machine": {"cores": os.cpu_count()}, "runs": [], "peers": {}, "baseline": []}
    builds = [("this build", binary)]
    if args.baseline:
        base = Path(args.baseline).resolve()
        if not os.access(base, os.X_OK):
            raise SystemExit(f"--baseline {base} is not an executable")
        builds.append(("baseline", base))
    try:
        for scale in [int(s) for s in args.scales.split(",")]:
            src = tmp / f"x{scale}"
            n, size = replicate(corpus, src, scale)
            mb = size / 1e6
            repeat = max(1, args.repeat if scale < 100 else args.repeat_large)
            # Peer: a ripgrep pass over the same files at the start of every round (cold page cache
            # is not forced; the files were just written). The load of a shared machine moves within
            # minutes, so each round's runs are compared with that round's pass, not with a pass
            # timed apart from them.
            rg_runs = []
            # This build's time over the round's ripgrep pass, per thread count, round by round.
            rg_ratios = {1: [], 2: []}
            # Runs alternate between 1 and 2 threads so that a busy spell on the machine hits both.
            measured = {1: [], 2: []}
            base_measured = {1: [], 2: []}
            # The machine's own ceiling for a second thread: two 1-thread runs of this build side
            # by side, each with a core of its own and nothing shared but the machine. Below 100×.
            side_by_side = []

            def run_side_by_side():
                outs = [tmp / f"out-x{scale}-pair{k}" for k in (0, 1)]
                for o in outs:
                    shutil.rmtree(o, ignore_errors=True)
                pair = timed_together(*([binary, "run", "-q", "--config", config, "--input", src,
                                         "--output", o, "--threads", 1] for o in outs))
                side_by_side.append(max(r[0] for r in pair))
                for o in outs:
                    shutil.rmtree(o, ignore_errors=True)
                    shutil.rmtree(o.with_name(f".{o.name}.cache"), ignore_errors=True)

            for rep in range(repeat):
                # The order flips every round (builds, and 1 and 2 threads), so that no build or
                # thread count always runs just after the same neighbour.
                flip = rep % 2 == 1
                rg_round = timed([rg, "-c", r"\b[0-9]{1,3}-year-old\b", str(src)])[0]
                rg_runs.append(rg_round)
                if flip and scale < 100:
                    run_side_by_side()
                for label, build in (builds[::-1] if flip else builds):
                    for threads in ((2, 1) if flip else (1, 2)):
                        out = tmp / (f"out-x{scale}-t{threads}" if label == "this build" else "out-base")
                        shutil.rmtree(out, ignore_errors=True)
                        run = timed([build, "run", "-q", "--config", config, "--input", src,
                                     "--output", out, "--threads", threads])
                        (measured if label == "this build" else base_measured)[threads].append(run)
                        if label == "this build":
                            rg_ratios[threads].append(run[0] / rg_round)
                shutil.rmtree(tmp / "out-base", ignore_errors=True)
                shutil.rmtree(tmp / ".out-base.cache", ignore_errors=True)
                if not flip and scale < 100:
                    run_side_by_side()
            rg_s = median(rg_runs)
            results["peers"][f"ripgrep_x{scale}"] = {
                "seconds": rg_s, "mb_per_s": mb / rg_s, "all_seconds": sorted(rg_runs),
                "seconds_in_run_order": rg_runs}
            for threads in (1, 2):
                if base_measured[threads]:
                    mine, base = measured[threads], base_measured[threads]
                    # Time and peak RSS are medians of their own (not the RSS of the median-time run).
                    results["baseline"].append({
                        "scale": scale, "threads": threads,
                        "seconds": median(r[0] for r in base), "peak_rss_mib": median(r[1] for r in base),
                        "all_seconds": sorted(r[0] for r in base),
                        "all_peak_rss_mib": sorted(r[1] for r in base),
                        "cpu_seconds": median(r[2] for r in base),
                        "all_cpu_seconds": sorted(r[2] for r in base),
                        "this_build_seconds": median(r[0] for r in mine),
                        "this_build_peak_rss_mib": median(r[1] for r in mine),
                        "this_build_cpu_seconds": median(r[2] for r in mine),
                        "this_build_all_cpu_seconds": sorted(r[2] for r in mine),
                    })
            for threads in (1, 2):
                out = tmp / f"out-x{scale}-t{threads}"
                runs = sorted(measured[threads])
                secs, rss = median(r[0] for r in runs), median(r[1] for r in runs)
                manifest = json.loads((out / "manifest.json").read_text())
                timings = manifest["timings"]
                cpu = {k: v for k, v in timings.items() if k[0] in "1234"}
                total_cpu = sum(cpu.values()) or 1.0
                results["runs"].append({
                    "scale": scale, "threads": threads, "articles": n, "mb": mb, "seconds": secs,
                    "mb_per_s": mb / secs, "articles_per_s": n / secs, "peak_rss_mib": rss,
                    # The median over the rounds of the run's time over its round's ripgrep pass.
                    "ripgrep_ratio": median(rg_ratios[threads]),
                    "ripgrep_ratios_in_run_order": rg_ratios[threads],
                    "all_seconds": [r[0] for r in runs],
                    # In the order they ran: the i-th 1-thread and 2-thread runs ran back to back
                    # (in either order).
                    "seconds_in_run_order": [r[0] for r in measured[threads]],
                    # Two 1-thread runs side by side: the time until both were done, per round.
                    "side_by_side_seconds_in_run_order": side_by_side if threads == 1 else [],
                    "all_peak_rss_mib": sorted(r[1] for r in runs),
                    "cpu_seconds": median(r[2] for r in runs),
                    "all_cpu_seconds": sorted(r[2] for r in runs),
                    "stage_share_of_extraction_cpu": {k: v / total_cpu for k, v in cpu.items()},
                    "wall_stages": {k: timings[k] for k in ("5_extract_wall", "6_write", "7_reconcile")},
                    # Peak RSS at the end of extraction and of reconcile, as the run itself saw it.
                    "memory_by_phase_mib": manifest.get("memory", {}),
                })
                if threads == 2:
                    # Reconcile alone, as a separate process over this run's tables: its memory per fact.
                    re_out = tmp / f"re-x{scale}"
                    re_s, re_rss, _ = timed([binary, "reconcile", "-q", out, "--output", re_out])
                    t = manifest["tables"]
                    facts_in = t["ages"] + t["claims"] + t["local_people"]
                    results["runs"][-1]["reconcile_only"] = {
                        "seconds": re_s, "peak_rss_mib": re_rss, "input_fact_rows": facts_in,
                        "mib_per_million_fact_rows": re_rss / (facts_in / 1e6) if facts_in else None,
                    }
                    shutil.rmtree(re_out, ignore_errors=True)
                shutil.rmtree(out, ignore_errors=True)
                shutil.rmtree(out.with_name(f".{out.name}.cache"), ignore_errors=True)
            if scale != 1 and scale == max(int(s) for s in args.scales.split(",")):
                shutil.rmtree(src, ignore_errors=True)
        dp = dateparser_rate(tmp, corpus, args.dateparser_sample)
        results["peers"]["dateparser_search_dates"] = dp
        (tmp / "results.json").write_text(json.dumps(results, indent=2))
        print(f"\n| corpus | threads | articles | MB | seconds | MB/s | articles/s | peak RSS MiB | × ripgrep time | × dateparser speed |")
        print("|---|---|---|---|---|---|---|---|---|---|")
        for r in results["runs"]:
            print(f"| {r['scale']}× | {r['threads']} | {r['articles']} | {r['mb']:.1f} | {r['seconds']:.2f} | "
                  f"{r['mb_per_s']:.1f} | {r['articles_per_s']:.0f} | {r['peak_rss_mib']:.0f} | "
                  f"{r['ripgrep_ratio']:.1f} | {r['mb_per_s'] / dp['mb_per_s']:.0f} |")
        for scale in sorted({r["scale"] for r in results["runs"]}):
            t1 = next(r for r in results["runs"] if r["scale"] == scale and r["threads"] == 1)
            t2 = next(r for r in results["runs"] if r["scale"] == scale and r["threads"] == 2)
            print(f"{scale}×: speed-up 1→2 threads {t1['seconds'] / t2['seconds']:.2f}×; ripgrep pass "
                  f"{results['peers'][f'ripgrep_x{scale}']['mb_per_s']:.0f} MB/s")
            print(f"    extraction CPU by stage (2 threads): " + ", ".join(
                f"{k[2:]} {v * 100:.0f}%" for k, v in t2["stage_share_of_extraction_cpu"].items()))
        for r in results["runs"]:
            mem = r.get("memory_by_phase_mib") or {}
            if mem:
                print(f"{r['scale']}× {r['threads']} threads: peak RSS after extraction "
                      f"{mem.get('peak_mib_extract', 0):.0f} MiB, after reconcile {mem.get('peak_mib_reconcile', 0):.0f} MiB")
        for r in results["runs"]:
            if "reconcile_only" in r:
                ro = r["reconcile_only"]
                print(f"{r['scale']}×: reconcile alone {ro['seconds']:.1f} s, peak RSS {ro['peak_rss_mib']:.0f} MiB over "
                      f"{ro['input_fact_rows']} person/age/claim rows")
        big = [r for r in results["runs"] if r["threads"] == 2]
        if len(big) >= 2:
            a, b = big[-2], big[-1]
            print(f"peak RSS {a['scale']}× → {b['scale']}×: {a['peak_rss_mib']:.0f} → {b['peak_rss_mib']:.0f} MiB "
                  f"({(b['peak_rss_mib'] / a['peak_rss_mib'] - 1) * 100:+.0f}%)")
        print(f"dateparser search_dates: {dp['mb_per_s']:.3f} MB/s over {dp['articles']} articles")
        print_targets(results)
        (tmp / "results.json").write_text(json.dumps(results, indent=2))
        if results["baseline"]:
            print(f"\nbaseline {args.baseline}, measured in the same run (medians):\n")
            print("| corpus | threads | baseline s | this build s | speed-up | baseline CPU s | this build CPU s "
                  "| CPU ratio | baseline peak RSS MiB | this build peak RSS MiB |")
            print("|---|---|---|---|---|---|---|---|---|---|")
            for b in results["baseline"]:
                print(f"| {b['scale']}× | {b['threads']} | {b['seconds']:.2f} | {b['this_build_seconds']:.2f} | "
                      f"{b['seconds'] / b['this_build_seconds']:.2f}× | {b['cpu_seconds']:.2f} | "
                      f"{b['this_build_cpu_seconds']:.2f} | {b['cpu_seconds'] / b['this_build_cpu_seconds']:.2f}× | "
                      f"{b['peak_rss_mib']:.0f} | {b['this_build_peak_rss_mib']:.0f} |")
        print(f"\nresults: {tmp / 'results.json'}")
    finally:
        if not args.keep:
            for p in tmp.iterdir():
                if p.name != "results.json":
                    shutil.rmtree(p, ignore_errors=True) if p.is_dir() else p.unlink()


def print_targets(results):
    """The issue's four targets (the 10× corpus, 2 threads), each judged on the medians, with the
    spread over the runs beside it: a target whose spread straddles its line is at the line."""
    runs = {(r["scale"], r["threads"]): r for r in results["runs"]}
    t1, t2 = runs.get((10, 1)), runs.get((10, 2))
    if not (t1 and t2):
        return
    rows = []

    def verdict(median_ok, each_ok):
        """Met when every figure of the spread meets the target, not met when none does."""
        if all(each_ok):
            return "met"
        if not any(each_ok):
            return "not met"
        return "at the line (" + ("met" if median_ok else "not met") + " on the medians)"

    mbs = [t2["mb"] / s for s in t2["all_seconds"]]
    rows.append(("throughput ≥ 10 MB/s", f"{t2['mb_per_s']:.1f} MB/s ({min(mbs):.1f}–{max(mbs):.1f})",
                 verdict(t2["mb_per_s"] >= 10, [m >= 10 for m in mbs])))
    ratios = t2["ripgrep_ratios_in_run_order"]
    rows.append(("within 12× of ripgrep", f"{t2['ripgrep_ratio']:.1f}× ({min(ratios):.1f}–{max(ratios):.1f})",
                 verdict(t2["ripgrep_ratio"] <= 12, [r <= 12 for r in ratios])))
    pairs = [a / b for a, b in zip(t1["seconds_in_run_order"], t2["seconds_in_run_order"])]
    speedup = t1["seconds"] / t2["seconds"]
    rows.append(("1 → 2 threads ≥ 1.8×", f"{speedup:.2f}× (runs back to back: {min(pairs):.2f}–{max(pairs):.2f})",
                 verdict(speedup >= 1.8, [p >= 1.8 for p in pairs])))
    # What the machine gives any program for a second core: twice the work of a 1-thread run,
    # as two runs side by side, against that run alone, round by round.
    together = t1.get("side_by_side_seconds_in_run_order") or []
    ceiling_line = None
    if together:
        ceilings = [2 * a / p for a, p in zip(t1["seconds_in_run_order"], together)]
        shares = [s / c for s, c in zip(pairs, ceilings)]
        results["second_core_ceiling"] = {"ceilings": ceilings, "speed_up_share_of_ceiling": shares}
        ceiling_line = (f"\nthe machine's ceiling for a second core (two 1-thread runs side by side, against one "
              f"alone): {median(ceilings):.2f}× ({min(ceilings):.2f}–{max(ceilings):.2f}); the 2-thread "
              f"run's speed-up was {median(shares) * 100:.0f}% of it in the same rounds "
              f"({min(shares) * 100:.0f}–{max(shares) * 100:.0f}%)")
        if max(ceilings) > 2:
            # Two runs cannot do more than twice the work of one: the machine's load moved
            # between the run alone and the pair.
            ceiling_line += "; a ceiling above 2× means the machine's load changed within its round"
    big = runs.get((100, 2))
    if big:
        growth = big["peak_rss_mib"] / t2["peak_rss_mib"] - 1
        spread = [b / a - 1 for a in t2["all_peak_rss_mib"] for b in big["all_peak_rss_mib"]]
        rows.append(("peak RSS ×10 → ×100 within 20%",
                     f"{t2['peak_rss_mib']:.0f} → {big['peak_rss_mib']:.0f} MiB, {growth * 100:+.0f}% "
                     f"({min(spread) * 100:+.0f}% to {max(spread) * 100:+.0f}%)",
                     verdict(growth <= 0.20, [g <= 0.20 for g in spread])))
    results["targets"] = [{"target": t, "measured": m, "verdict": v} for t, m, v in rows]
    print("\n| target (10×, 2 threads) | measured: median (spread over the runs) | verdict |")
    print("|---|---|---|")
    for t, m, v in rows:
        print(f"| {t} | {m} | {v} |")
    if ceiling_line:
        print(ceiling_line)


if __name__ == "__main__":
    main()
