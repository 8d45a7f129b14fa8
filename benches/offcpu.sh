#!/usr/bin/env bash
# Where the threads of `newsfacts run` wait: one 2-thread run (cache off) per build over the GVA
# corpus replicated SCALE times (as benches/throughput.py does), recorded by `perf sched record`
# with call chains. For each of the run's busiest threads it prints the time it ran and the time
# it spent off the CPU by why it left: `io` (a read waiting for the disk: a file missing from the
# page cache), `futex` (a lock, a channel or rayon's sleep: waiting for other threads),
# `preempted` (runnable while other threads had the cores), `sched_yield` (rayon spinning before
# it sleeps). Then each CPU's idle time over the run.
#
# Usage (from the repository root):
#   bash benches/offcpu.sh [BINARY ...]      # default: this checkout's release build
#   SCALE=10 bash benches/offcpu.sh OLD_BINARY NEW_BINARY
# Needs perf with scheduler tracepoints (Debian: linux-perf) and permission to record them.
source "$(dirname "$0")/common.sh" "$@"
command -v perf >/dev/null || { echo "perf is not installed" >&2; exit 1; }
scale="${SCALE:-10}"
replicate "$scale"
for binary in "${binaries[@]}"; do
  rm -rf "$tmp/out"
  perf sched record -g -o "$tmp/sched.data" \
    "$binary" run -q --config "$tmp/bench.toml" --input "$tmp/x$scale" --output "$tmp/out" --threads 2 \
    >/dev/null 2>"$tmp/perf.log" || { cat "$tmp/perf.log" >&2; exit 1; }
  echo "== $binary (×$scale, 2 threads; ms)"
  perf sched timehist -i "$tmp/sched.data" -g 2>/dev/null | python3 -c '
import collections, sys
comm = sys.argv[1][:15]
reason_of = {}
off = collections.defaultdict(float)
ran = collections.defaultdict(float)
for line in sys.stdin:
    # time, cpu, task, wait time, scheduling delay, run time, call chain of the switch out
    f = line.split(None, 6)
    if len(f) < 7 or not f[2].startswith(comm):
        continue
    task, chain = f[2], f[6]
    try:
        wait, run = float(f[3]), float(f[5])
    except ValueError:
        continue
    if "io_schedule" in chain:
        why = "io"
    elif "futex" in chain:
        why = "futex"
    elif "irqentry_exit" in chain or "exit_to_user_mode_loop" in chain:
        why = "preempted"
    elif "sched_yield" in chain:
        why = "sched_yield"
    else:
        why = "other"
    # The wait before this run was spent for the reason of the previous switch out.
    if task in reason_of:
        off[(task, reason_of[task])] += wait
    ran[task] += run
    reason_of[task] = why
for task in sorted(ran, key=lambda t: -ran[t])[:5]:
    waits = sorted(((w, ms) for (t, w), ms in off.items() if t == task), key=lambda x: -x[1])
    print(f"{task:34s} ran {ran[task]:6.0f}  off the CPU: " + ", ".join(f"{w} {ms:.0f}" for w, ms in waits if ms >= 1))
' "$(basename "$binary")"
  perf sched timehist -i "$tmp/sched.data" -s 2>/dev/null | grep -A4 "Idle stats" | grep "idle for" || true
done
