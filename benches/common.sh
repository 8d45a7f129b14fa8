# Set-up shared by the shell benchmarks, sourced with the script's arguments: stop on the first
# error, work from the repository root, take the corpus (CORPUS, default the shared GVA corpus)
# and the builds to measure (`binaries`: the arguments, or this checkout's release build), and
# make a temporary folder, removed on exit, holding a configuration that turns the cache off.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
corpus="${CORPUS:-../shared/corpus/gva-gunviolence-news}"
binaries=("$@")
if [ ${#binaries[@]} -eq 0 ]; then
  cargo build --release -q
  binaries=("${CARGO_TARGET_DIR:-target}/release/newsfacts")
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
printf '[run]\nincremental = false\n' > "$tmp/bench.toml"

# Replicates the corpus SCALE× (the argument) into "$tmp/x<SCALE>" as benches/throughput.py does
# (distinct file names and contents).
replicate() {
  python3 - "$corpus" "$tmp/x$1" "$1" <<'PY'
import sys
from pathlib import Path
sys.path.insert(0, "benches")
from throughput import replicate
replicate(Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]))
PY
}

# Prints the name of each table file of output folder $1 (every file but manifest.json) that is
# missing from output folder $2 or differs there; fails when there is one.
differing_tables() {
  local f name differ=0
  for f in "$1"/*; do
    name="$(basename "$f")"
    [ "$name" = manifest.json ] && continue
    cmp -s "$f" "$2/$name" || { echo "$name"; differ=1; }
  done
  return "$differ"
}
