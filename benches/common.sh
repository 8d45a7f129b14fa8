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
