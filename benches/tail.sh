#!/usr/bin/env bash
# Reconcile's tail, build against build: `newsfacts run` with 2 threads (cache off) over the GVA
# corpus replicated SCALE times (as benches/throughput.py does), the builds' runs alternating for
# ROUNDS rounds. Prints each run's reconcile time (the manifest's `7_reconcile`: reconcile and the
# report), wall time, peak RSS and peaks by phase, and the tail's own peak (the process's resident
# memory read every 2 ms from the log's "extraction memory released" on: the peaks by phase are
# the kernel's high-water mark, which extraction usually sets), then the medians of each build;
# with STEPS=1,
# the time between the steps of the debug log (`NEWSFACTS_LOG=newsfacts=debug`) of every run,
# where reconcile stamps each of its steps with the memory it holds.
#
# Usage (from the repository root):
#   bash benches/tail.sh [BINARY ...]     # default: this checkout's release build
#   SCALE=100 ROUNDS=4 bash benches/tail.sh OLD_BINARY NEW_BINARY
#   STEPS=1 ROUNDS=1 bash benches/tail.sh
# SCALE defaults to 10, ROUNDS to 7. The tables of the builds' last runs are compared byte for
# byte (every file but manifest.json).
source "$(dirname "$0")/common.sh" "$@"
scale="${SCALE:-10}"
rounds="${ROUNDS:-7}"
replicate "$scale"
echo "corpus ×$scale: $(ls "$tmp/x$scale" | wc -l) files, $(du -sm "$tmp/x$scale" | cut -f1) MB on disk"
for round in $(seq "$rounds"); do
  n=0
  for binary in "${binaries[@]}"; do
    n=$((n + 1))
    out="$tmp/out$n"
    rm -rf "$out"
    # The debug log is on in every run, STEPS or not, so that each build pays its cost alike and
    # the figures match those taken with STEPS=1.
    NEWSFACTS_LOG=newsfacts=debug NO_COLOR=1 python3 - "$tmp/time" "$tmp/log" \
      "$binary" run -q --config "$tmp/bench.toml" --input "$tmp/x$scale" --output "$out" \
      --threads 2 <<'PY'
# Runs the command with its log to a file; writes its wall time, peak RSS (KiB) and the tail's
# sampled peak (KiB).
import resource, subprocess, sys, threading, time
timing, log, cmd = sys.argv[1], sys.argv[2], sys.argv[3:]
start = time.monotonic()
p = subprocess.Popen(cmd, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
tail_started = threading.Event()
def copy_log():
    with open(log, "w") as out:
        for line in p.stderr:
            out.write(line)
            if "extraction memory released" in line:
                tail_started.set()
reader = threading.Thread(target=copy_log)
reader.start()
tail_kib = 0
while p.poll() is None:
    if tail_started.is_set():
        try:
            with open(f"/proc/{p.pid}/status") as status:
                for line in status:
                    if line.startswith("VmRSS:"):
                        tail_kib = max(tail_kib, int(line.split()[1]))
        except OSError:
            pass
    time.sleep(0.002)
reader.join()
wall = time.monotonic() - start
peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
open(timing, "w").write(f"{wall} {peak_kib} {tail_kib}\n")
sys.exit(p.returncode)
PY
    python3 - "$binary" "$out/manifest.json" "$tmp/time" "$tmp/log" "${STEPS:-0}" "$tmp/runs" <<'PY'
import datetime, json, re, sys
binary, manifest, timing, log, steps, runs = sys.argv[1:]
m = json.load(open(manifest))
wall, rss_kib, tail_kib = open(timing).read().split()
run = {"binary": binary, "tail": m["timings"]["7_reconcile"], "wall": float(wall),
       "rss_mib": int(rss_kib) / 1024, "tail_rss_mib": int(tail_kib) / 1024, "memory": m["memory"]}
with open(runs, "a") as f:
    f.write(json.dumps(run) + "\n")
if steps == "1":
    prev = None
    for line in open(log):
        line = re.sub(r"\x1b\[[0-9;]*m", "", line)
        if " DEBUG " not in line and " INFO " not in line:
            continue
        stamp = datetime.datetime.fromisoformat(line.split()[0].replace("Z", "+00:00"))
        if prev is not None:
            what = " ".join(line.split()[2:])
            print(f"#   {(stamp - prev).total_seconds() * 1000:8.1f} ms  {what[:100]}", file=sys.stderr)
        prev = stamp
print(f"{binary}: tail {run['tail']:.3f} s, wall {run['wall']:.2f} s, "
      f"peak RSS {run['rss_mib']:.1f} MiB, by phase {run['memory']}, "
      f"tail's own peak {run['tail_rss_mib']:.1f} MiB")
PY
  done
done
python3 - "$tmp/runs" <<'PY'
import json, statistics, sys
runs = [json.loads(l) for l in open(sys.argv[1])]
for b in dict.fromkeys(r["binary"] for r in runs):
    mine = [r for r in runs if r["binary"] == b]
    med = lambda k: statistics.median(r[k] for r in mine)
    print(f"{b}: medians over {len(mine)} runs: tail {med('tail'):.3f} s "
          f"(min {min(r['tail'] for r in mine):.3f}), wall {med('wall'):.2f} s, "
          f"peak RSS {med('rss_mib'):.1f} MiB, tail's own peak {med('tail_rss_mib'):.1f} MiB "
          f"(max {max(r['tail_rss_mib'] for r in mine):.1f})")
PY
for n in $(seq 2 ${#binaries[@]}); do
  for name in $(differing_tables "$tmp/out1" "$tmp/out$n" || true); do
    echo "tables differ: $name (build 1 against build $n)"
  done
done
