#!/usr/bin/env bash
# Builds the official Temporal CLI once with the machine's Go, into .tools/bin
# (git-ignored). Nothing downloads it at run time: the Go module proxy serves its source.
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=v1.5.1   # newest tag whose go.mod has no replace directive
BIN="$PWD/.tools/bin/temporal"

if [ -n "${TEMPORAL_CLI:-}" ]; then
  [ -x "$TEMPORAL_CLI" ] || { echo "TEMPORAL_CLI=$TEMPORAL_CLI is not an executable file." >&2; exit 1; }
  exit 0
fi
[ -x "$BIN" ] && exit 0
if command -v temporal >/dev/null 2>&1; then exit 0; fi

GO=$(command -v go || true)
[ -z "$GO" ] && [ -x /usr/local/go/bin/go ] && GO=/usr/local/go/bin/go
if [ -z "$GO" ]; then
  cat >&2 <<MSG
The Temporal CLI is needed and cannot be built: Go is not installed.
Either install Go (https://go.dev/doc/install) and run this again, or put a
'temporal' binary ($VERSION) on PATH, or set TEMPORAL_CLI to its path.
MSG
  exit 1
fi
echo "Building the Temporal CLI $VERSION with $("$GO" version) (first run only; takes a few minutes)..."
start=$(date +%s)
GOBIN="$PWD/.tools/bin" GOFLAGS=-mod=mod "$GO" install "github.com/temporalio/cli/cmd/temporal@$VERSION"
echo "Built $BIN in $(( $(date +%s) - start ))s."
