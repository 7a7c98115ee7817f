#!/usr/bin/env bash
# Compatibility test: tcplens read --plain must print exactly the TCP lines of
# the installed tcpdump (see tcpdump_tcp_lines.pl for the contract) on every
# capture given, under several timestamp and numbering flags.
#
# usage: tcpdump_compat.sh TCPLENS EXCEPTIONS_FILE CAPTURE_OR_DIR...
set -u
tcplens=$1; exceptions=$2; shift 2
here=$(cd "$(dirname "$0")" && pwd)
export TZ=UTC LC_ALL=C

# shellcheck source=../lib/captures.sh
. "$(dirname "$0")/../lib/captures.sh"
require_oracle tcpdump
read_skip_list "$exceptions"
list_captures "$@"

flag_sets=("" "-S" "-tt" "-t" "-ttt" "-tttt" "-ttttt" "--nano")
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
checked=0; failed=0; skipped=0; lines=0
for cap in "${captures[@]}"; do
  base=$(basename "$cap")
  if [ -n "${skip[$base]:-}" ]; then skipped=$((skipped + 1)); continue; fi
  for flags in "${flag_sets[@]}"; do
    # shellcheck disable=SC2086
    tcpdump -n $flags -r "$cap" 2>/dev/null | perl "$here/tcpdump_tcp_lines.pl" > "$tmp/expected"
    # shellcheck disable=SC2086
    "$tcplens" read --plain $flags "$cap" > "$tmp/actual" 2>"$tmp/stderr"
    if ! cmp -s "$tmp/expected" "$tmp/actual"; then
      failed=$((failed + 1))
      echo "DIFFERS: $base (flags: ${flags:-none})"
      diff "$tmp/expected" "$tmp/actual" | head -6 | cut -c1-300
    fi
    lines=$((lines + $(wc -l < "$tmp/expected")))
    checked=$((checked + 1))
  done
done
echo "tcpdump compatibility: ${#captures[@]} captures ($skipped on the exception list), $checked runs, $lines TCP lines compared, $failed runs differ"
[ "$failed" -eq 0 ]
