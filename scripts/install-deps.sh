#!/usr/bin/env bash
# Installs dependencies from the lockfile when node_modules is missing or older than the lockfile,
# then compiles the host when it is missing or older than its sources (scripts/build.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f node_modules/.modules.yaml ] || [ pnpm-lock.yaml -nt node_modules/.modules.yaml ]; then
  bash scripts/pnpm.sh install --frozen-lockfile
fi
bash scripts/build.sh
