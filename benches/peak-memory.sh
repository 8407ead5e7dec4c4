#!/usr/bin/env bash
# Runs a command and reports its wall time, CPU time and peak resident memory
# in two parts, sampled from /proc every 0.2 s: anonymous memory (what the
# process itself holds) and file-backed pages (the index files tantivy maps
# while it merges, which the kernel can drop at any time). /usr/bin/time
# reports only their sum, which overstates what a build needs at a million
# articles.
#
#   benches/peak-memory.sh COMMAND [ARGS...]     (the report goes to stderr)
set -uo pipefail
started=$(date +%s%N)
"$@" &
pid=$!
anon=0 file=0 total=0
while kill -0 "$pid" 2>/dev/null; do
  read -r a f < <(awk '/^RssAnon/ {a = $2} /^RssFile/ {f = $2} END {print a + 0, f + 0}' \
    "/proc/$pid/status" 2>/dev/null || echo "0 0")
  ((a > anon)) && anon=$a
  ((f > file)) && file=$f
  ((a + f > total)) && total=$((a + f))
  sleep 0.2
done
wait "$pid"
status=$?
times_file=$(mktemp)
times >"$times_file"
echo "wall $((($(date +%s%N) - started) / 1000000)) ms; CPU user, system: $(tail -1 "$times_file")" >&2
rm -f "$times_file"
echo "peak memory: anonymous $((anon / 1024)) MB, file-backed $((file / 1024)) MB, together $((total / 1024)) MB" >&2
exit "$status"
