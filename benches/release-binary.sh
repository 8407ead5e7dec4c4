#!/usr/bin/env bash
# Builds morgue's release binary and prints its path. Cargo builds for the
# host's own target (.cargo/config.toml), so the binary is under
# target/<host tuple>/release/ or $CARGO_TARGET_DIR: ask cargo, not a guess.
#
#   morgue=$(benches/release-binary.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin morgue --message-format=json-render-diagnostics |
  python3 -c '
import json, sys
for line in sys.stdin:
    message = json.loads(line)
    if message.get("reason") == "compiler-artifact" and message.get("executable"):
        print(message["executable"])
'
