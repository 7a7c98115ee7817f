#!/usr/bin/env bash
# Compatibility test: tcplens read --plain must print exactly the TCP lines of
# the installed tcpdump (see tcpdump_tcp_lines.pl for the contract) on every
# capture given, under several timestamp and numbering flags.
#
# Every capture is held to it: there is no exception list.
#
# usage: tcpdump_compat.sh TCPLENS CAPTURE_OR_DIR...
set -u
tcplens=$1; shift
here=$(cd "$(dirname "$0")" && pwd)
export TZ=UTC LC_ALL=C

# shellcheck source=../lib/captures.sh
. "$(dirname "$0")/../lib/captures.sh"
require_oracle tcpdump
list_captures "$@"

flag_sets=("" "-S" "-tt" "-t" "-ttt" "-tttt" "-ttttt" "--nano")
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
checked=0; failed=0; lines=0
for cap in "${captures[@]}"; do
  base=${cap#"${cap%/*/*/*}/"}
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
echo "tcpdump compatibility: ${#captures[@]} captures, $checked runs, $lines TCP lines compared, $failed runs differ"
[ "$failed" -eq 0 ] && [ "$lines" -gt 0 ]
