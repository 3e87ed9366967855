#!/usr/bin/env bash
# Compiles the host (scripts/build.ts) when host/dist/main.js is missing or older than a source
# file, the lockfile or the host's manifest, so `npm start` always runs what is checked out.
set -euo pipefail
cd "$(dirname "$0")/.."
out=host/dist/main.js
if [ ! -f "$out" ] || [ pnpm-lock.yaml -nt "$out" ] || [ host/package.json -nt "$out" ] ||
  [ -n "$(find host/src services packages -name '*.ts' -newer "$out" -not -path '*/node_modules/*' -print -quit)" ]; then
  node --import tsx scripts/build.ts
fi
