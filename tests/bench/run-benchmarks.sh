#!/usr/bin/env bash
# Runs each benchmark program given, one after the other, printing its figures.
set -euo pipefail
for bench in "$@"; do
  echo "== $(basename "$bench")"
  "$bench"
done
