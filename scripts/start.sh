#!/usr/bin/env bash
# The one command that starts the whole system on this machine: local infrastructure, the install
# and the compiled host when they are stale, then every service (see scripts/start.ts). Settings come from the environment or ./.env.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-infra.sh
bash scripts/install-deps.sh
env_file=()
[ -f .env ] && env_file=(--env-file=.env)
exec node "${env_file[@]}" --import tsx scripts/start.ts "$@"
