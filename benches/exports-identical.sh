#!/usr/bin/env bash
# Whether a change kept what morgue reads from every corpus (issue #25: a
# redesign must not change behaviour unless it says so): the release binary
# of BASE (a commit, default HEAD) and of the working tree each index every
# folder of ../shared/corpora and the bundled corpus/, and their exports are
# compared byte for byte. Prints one line per corpus; exits 1 if any differs
# (the first differing lines are shown).
#
#   benches/exports-identical.sh [BASE] [CORPORA_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
base=${1:-HEAD}
corpora=${2:-../shared/corpora}
work=$(mktemp -d)
trap 'git worktree remove --force "$work/base" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

after=$(benches/release-binary.sh)
git worktree add --detach --quiet "$work/base" "$base"
# The base builds in its own target folder; keep it between runs.
before=$(CARGO_TARGET_DIR=$PWD/target/exports-base "$work/base/benches/release-binary.sh")

differs=0
for folder in corpus "$corpora"/*/; do
  name=$(basename "$folder")
  # morgue walks folders, not archives: a corpus shipped as a tarball is unpacked.
  if compgen -G "$folder/*.tar.gz" >/dev/null; then
    mkdir -p "$work/unpacked-$name"
    for archive in "$folder"/*.tar.gz; do tar -xzf "$archive" -C "$work/unpacked-$name"; done
    folder=$work/unpacked-$name
  fi
  for side in before after; do
    binary=${!side}
    "$binary" --index "$work/$side-$name" index "$folder" >/dev/null 2>&1 || true
    "$binary" --index "$work/$side-$name" export >"$work/$side-$name.jsonl" 2>/dev/null || true
  done
  if cmp -s "$work/before-$name.jsonl" "$work/after-$name.jsonl"; then
    echo "same     $name ($(wc -l <"$work/after-$name.jsonl") articles)"
  else
    differs=1
    echo "DIFFERS  $name"
    diff <(head -c 2000000 "$work/before-$name.jsonl") <(head -c 2000000 "$work/after-$name.jsonl") |
      head -6 | cut -c1-200 || true
  fi
done
exit $differs
