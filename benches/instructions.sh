#!/usr/bin/env bash
# Instructions executed by `newsfacts run` (1 thread, or THREADS; cache off) over the GVA corpus, counted by
# valgrind's callgrind: a figure that does not move with the machine's load, for comparing builds
# where wall time is too noisy. Prints the total and the inclusive count of each stage's entry.
#
# Usage (from the repository root):
#   bash benches/instructions.sh [BINARY ...]     # default: this checkout's release build
#   THREADS=2 bash benches/instructions.sh OLD NEW  # with 2 threads: work moved between threads counts the same
# e.g. bash benches/instructions.sh /tmp/base/target/release/newsfacts "$CARGO_TARGET_DIR/release/newsfacts"
# Needs valgrind (Debian: apt-get install valgrind); about 30 s per binary here.
# SHA-256 runs in software under valgrind (no SHA extensions), so its share is larger than natively.
source "$(dirname "$0")/common.sh" "$@"
command -v valgrind >/dev/null || { echo "valgrind is not installed" >&2; exit 1; }
for binary in "${binaries[@]}"; do
  rm -rf "$tmp/out"
  valgrind -q --tool=callgrind --callgrind-out-file="$tmp/cg.out" \
    "$binary" run -q --config "$tmp/bench.toml" --input "$corpus" --output "$tmp/out" --threads "${THREADS:-1}"
  echo "== $binary"
  callgrind_annotate --inclusive=yes "$tmp/cg.out" 2>/dev/null \
    | grep -E "PROGRAM TOTALS|newsfacts::(extract::extract|people::extract|temporal::find::find|corpus::parse::parse_article_hashed|pipeline::Collector::take|reconcile::output::reconcile_parts|reconcile::resolve::resolve_compact|report::write_report) \[" \
    | sed -E 's/ \[.*//; s/\?\?\?://'
done
