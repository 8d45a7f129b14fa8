#!/usr/bin/env bash
# Peak RSS and wall time of `newsfacts run` over a corpus where every article comes twice: the
# GVA corpus replicated 10× (as benches/throughput.py does: distinct names and contents), plus a
# second name for every file (`d_…`, which sorts first, so the `r…` files are the duplicates).
# Builds given on the command line run in turn, twice each (2 threads, cache off); their tables
# are compared byte for byte (every file but manifest.json).
#
# Usage (from the repository root):
#   bash benches/duplicates.sh [BINARY ...]     # default: this checkout's release build
# e.g. bash benches/duplicates.sh /tmp/base/target/release/newsfacts "$CARGO_TARGET_DIR/release/newsfacts"
source "$(dirname "$0")/common.sh" "$@"
replicate 10
mkdir "$tmp/dup"
for f in "$tmp"/x10/*; do
  ln "$f" "$tmp/dup/$(basename "$f")"
  ln "$f" "$tmp/dup/d_$(basename "$f")"
done
echo "corpus: $(ls "$tmp/dup" | wc -l) files, every article twice"
for round in 1 2; do
  n=0
  for binary in "${binaries[@]}"; do
    n=$((n + 1))
    rm -rf "$tmp/out$n"
    /usr/bin/time -f "$binary: %e s, peak RSS %M KiB" \
      "$binary" run -q --config "$tmp/bench.toml" --input "$tmp/dup" --output "$tmp/out$n" --threads 2
  done
done
n=0
for binary in "${binaries[@]}"; do
  n=$((n + 1))
  [ "$n" -eq 1 ] && continue
  for b in $(differing_tables "$tmp/out1" "$tmp/out$n" || true); do
    echo "DIFFERS: $b ($binary)"
  done
done
