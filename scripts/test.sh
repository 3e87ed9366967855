#!/usr/bin/env bash
# The one command that runs every check: lint, format, types, then every test on real services.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
pnpm() { bash scripts/pnpm.sh "$@"; }
echo "== lint";        pnpm run -s lint
echo "== format";      pnpm run -s format:check
echo "== typecheck";   pnpm run -s typecheck
if [ $# -gt 0 ]; then
  # A person naming the tests to run may restart the shared servers (serverControl).
  echo "== tests: $*"; FG_SERVER_RESTARTS=1 pnpm exec vitest run "$@"
else
  echo "== tests";                     pnpm exec vitest run --project parallel
  echo "== tests that restart servers"; FG_SERVER_RESTARTS=1 pnpm exec vitest run --project serial
fi
