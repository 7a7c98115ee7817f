#!/usr/bin/env bash
# Runs one line of GOLDEN_LIST and diffs tcplens' output with the stored file.
# usage: run_golden.sh TCPLENS PROJECT_DIR NAME [--update]
# Lines of GOLDEN_LIST: NAME  CAPTURE  EXPECTED  ARGS...
# (ARGS are tcplens arguments; CAPTURE is relative to the project folder.)
set -u
tcplens=$1; project=$2; name=$3; update=${4:-}
here=$(cd "$(dirname "$0")" && pwd)
export TZ=UTC LC_ALL=C NO_COLOR=1
line=$(grep -E "^$name[[:space:]]" "$here/GOLDEN_LIST")
[ -n "$line" ] || { echo "no golden test named $name"; exit 1; }
read -r _ capture expected args <<<"$line"
cd "$project"
# shellcheck disable=SC2086
actual=$("$tcplens" $args "$capture" 2>&1)
if [ "$update" = "--update" ]; then
  printf '%s\n' "$actual" > "$here/expected/$expected"
  echo "updated $expected"
  exit 0
fi
if ! diff -u "$here/expected/$expected" <(printf '%s\n' "$actual"); then
  echo "golden $name differs (regenerate with tools/update_golden.sh after checking the change)"
  exit 1
fi
