#!/usr/bin/env bash
# Stream export against tcpflow: `tcplens follow -o DIR` must write the same
# files as `tcpflow -r CAPTURE -o DIR` (same names, same sizes, same bytes)
# on every capture given. tcpflow is only the oracle here.
#
# usage: tcpflow_compat.sh TCPLENS EXCEPTIONS CAPTURE_OR_DIR...
set -u
tcplens=$1; exceptions=$2; shift 2
export TZ=UTC LC_ALL=C
# shellcheck source=../lib/captures.sh
. "$(dirname "$0")/../lib/captures.sh"
require_oracle tcpflow
read_skip_list "$exceptions"
list_captures "$@"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
checked=0; failed=0; skipped=0; files=0; bytes=0
for cap in "${captures[@]}"; do
  base=$(basename "$cap")
  if [ -n "${skip[$base]:-}" ]; then skipped=$((skipped + 1)); continue; fi
  rm -rf "$tmp/f" "$tmp/l"; mkdir -p "$tmp/f" "$tmp/l"
  tcpflow -r "$cap" -o "$tmp/f" >/dev/null 2>&1
  rm -f "$tmp/f/report.xml"
  "$tcplens" follow "$cap" -o "$tmp/l" >/dev/null 2>&1
  checked=$((checked + 1))
  if ! diff <(cd "$tmp/f" && find . -type f | sort) <(cd "$tmp/l" && find . -type f | sort) > "$tmp/names"; then
    echo "FAIL $cap: different files"; cat "$tmp/names"; failed=$((failed + 1)); continue
  fi
  bad=0
  while IFS= read -r f; do
    files=$((files + 1)); bytes=$((bytes + $(stat -c %s "$tmp/f/$f")))
    if ! cmp -s "$tmp/f/$f" "$tmp/l/$f"; then
      echo "FAIL $cap: $f: tcpflow $(stat -c %s "$tmp/f/$f") bytes, tcplens $(stat -c %s "$tmp/l/$f") bytes, $(cmp "$tmp/f/$f" "$tmp/l/$f" 2>&1 | head -1)"
      bad=1
    fi
  done < <(cd "$tmp/f" && find . -type f | sort)
  failed=$((failed + bad))
done
echo "tcpflow: $checked captures compared ($files files, $bytes bytes identical to tcpflow's), $failed differ, $skipped on the exception list"
[ "$failed" -eq 0 ]
