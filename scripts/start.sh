#!/usr/bin/env bash
# npm start: everything a fresh machine needs, then the launcher.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
ensure_node_modules
bash scripts/ensure-temporal-cli.sh
ensure_web_build
exec node --import tsx bin/start.ts
