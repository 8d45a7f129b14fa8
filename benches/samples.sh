#!/usr/bin/env bash
# Where two builds spend their time, side by side: `perf record` samples of `newsfacts run` (1
# thread, cache off) over the GVA corpus replicated 10× (as benches/throughput.py does), the
# builds' runs alternating round by round. Prints, for each run, the samples of the functions whose
# names match PATTERN and the run's total. On a shared machine wall time moves by ±30%; a
# function's samples move with the machine too, but the same function in alternating runs of two
# builds compares changes of a few percent that no single run shows.
#
# Usage (from the repository root):
#   PATTERN='tokenize|Tokens::new' ROUNDS=3 bash benches/samples.sh OLD_BINARY NEW_BINARY
# Needs perf (Debian: apt-get install linux-perf) and sampling allowed
# (`/proc/sys/kernel/perf_event_paranoid` at 2 or below); about 15 s per run here.
source "$(dirname "$0")/common.sh" "$@"
command -v perf >/dev/null || { echo "perf is not installed" >&2; exit 1; }
pattern="${PATTERN:-.}"
replicate 10
for round in $(seq "${ROUNDS:-3}"); do
  for binary in "${binaries[@]}"; do
    rm -rf "$tmp/out"
    perf record -q -F 2000 -o "$tmp/perf.data" \
      "$binary" run -q --config "$tmp/bench.toml" --input "$tmp/x10" --output "$tmp/out" --threads 1 \
      2>/dev/null
    perf report -i "$tmp/perf.data" --no-children --stdio -n 2>/dev/null \
      | awk -v name="$binary" -v round="$round" -v pattern="$pattern" '
          /^ +[0-9.]+%/ {
            total += $2
            symbol = $0; sub(/.*\] /, "", symbol)
            if (symbol ~ pattern) { matched += $2; if (pattern != "." && $2 >= 20) detail = detail sprintf("  %s %d", symbol, $2) }
          }
          END { printf "round %d %s: %d of %d samples (%.2f%%)\n%s\n", round, name, matched, total, 100 * matched / total, detail }'
  done
done
