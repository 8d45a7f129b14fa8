#!/usr/bin/env bash
# A profile-guided build of newsfacts for production runs. It builds an instrumented release
# binary, runs it over a training corpus (CORPUS, default the shared GVA corpus; with 1 and with 2
# threads, cache off), merges what it counted with llvm-profdata, and builds the release binary
# again with that profile: the compiler lays out code and inlines by the branches real articles
# take. It then checks that the tables of the new binary are byte-identical to the plain release
# build's on the training corpus (every file but manifest.json), and prints the new binary's path.
#
# Usage (from the repository root):
#   bash benches/pgo.sh
#   PGO_PROFILE=dist bash benches/pgo.sh    # with the dist profile's whole-program optimization too
#   python3 benches/throughput.py --binary "$(bash benches/pgo.sh | tail -1)" --baseline target/release/newsfacts
# Needs rustup's llvm-tools (`rustup component add llvm-tools`: its llvm-profdata reads the
# compiler's own profile format). Both builds have their own target folders under PGO_DIR
# (default: the cargo target folder's pgo/), so the usual release build is not rebuilt; from
# scratch they take two release builds' time.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

release="${binaries[0]}"
if [ ! -d "$corpus" ]; then
  echo "pgo.sh: no training corpus at $corpus: set CORPUS to a folder of articles" >&2
  exit 2
fi
pgo_dir="${PGO_DIR:-${CARGO_TARGET_DIR:-target}/pgo}"
mkdir -p "$pgo_dir"
pgo_dir="$(cd "$pgo_dir" && pwd)"
host="$(rustc -vV | sed -n 's/^host: //p')"
profdata_tool="$(rustc --print sysroot)/lib/rustlib/$host/bin/llvm-profdata"
if [ ! -x "$profdata_tool" ]; then
  echo "pgo.sh: no llvm-profdata at $profdata_tool: run 'rustup component add llvm-tools'" >&2
  exit 2
fi

# 1. The instrumented build, and its counts over the training corpus.
rm -rf "$pgo_dir/raw"
RUSTFLAGS="-Cprofile-generate=$pgo_dir/raw" CARGO_TARGET_DIR="$pgo_dir/generate" \
  cargo build --release -q
for threads in 1 2; do
  rm -rf "$tmp/out"
  "$pgo_dir/generate/release/newsfacts" run -q --config "$tmp/bench.toml" --input "$corpus" \
    --output "$tmp/out" --threads "$threads" > /dev/null
done
"$profdata_tool" merge -o "$tmp/merged.profdata" "$pgo_dir/raw"
# Named by its content: cargo rebuilds on a change of flags, not of the file a flag names, so a
# new profile (new code, another corpus) gets a new name and every crate is built with it.
profile="$pgo_dir/newsfacts-$(sha256sum "$tmp/merged.profdata" | cut -c1-16).profdata"
mv "$tmp/merged.profdata" "$profile"

# 2. The build that uses them, with the release profile or PGO_PROFILE (say, dist: whole-program
# optimization too). A function the training never ran is compiled as usual.
final_profile="${PGO_PROFILE:-release}"
RUSTFLAGS="-Cprofile-use=$profile" CARGO_TARGET_DIR="$pgo_dir/use" \
  cargo build --profile "$final_profile" -q
binary="$pgo_dir/use/$final_profile/newsfacts"

# 3. Same tables as the release build.
for b in release pgo; do
  bin="$release"
  [ "$b" = pgo ] && bin="$binary"
  rm -rf "$tmp/$b"
  "$bin" run -q --config "$tmp/bench.toml" --input "$corpus" --output "$tmp/$b" --threads 2 > /dev/null
done
if ! differ="$(differing_tables "$tmp/release" "$tmp/pgo")"; then
  for name in $differ; do
    echo "pgo.sh: $name differs from the release build's" >&2
  done
  exit 1
fi
echo "$binary"
