#!/usr/bin/env bash
# Regenerates every golden file from the current build. Read the diff before
# committing: a golden file is only right once a person has checked it.
set -euo pipefail
cd "$(dirname "$0")/.."
grep -E '^[^#[:space:]]' tests/golden/GOLDEN_LIST | while read -r name _; do
  tests/golden/run_golden.sh "$PWD/build/tcplens" "$PWD" "$name" --update
done
git --no-pager diff --stat tests/golden/expected || true
