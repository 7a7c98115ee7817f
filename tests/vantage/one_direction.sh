#!/usr/bin/env bash
# One-direction test: each capture of captures/ read whole, then once per
# sending endpoint with `src host H and src port P` (what a SPAN port with
# asymmetric routing, or a one-way tap, records). In the one-direction run:
#  - every connection's flow record says "vantage" orig_only or resp_only,
#    and its handshake is never "complete";
#  - no line judges the invisible direction: no "ACKs data the capture never
#    saw", no "content gap";
#  - after each packet, its sender's state is the one the whole capture gives
#    it after the same packet (its own packets prove its state).
# usage: one_direction.sh TCPLENS CAPTURE_OR_DIR...
set -u
tcplens=$1; shift
here=$(cd "$(dirname "$0")" && pwd)
export TZ=UTC LC_ALL=C
# shellcheck source=../lib/captures.sh
. "$here/../lib/captures.sh"
list_captures "$@"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
failed=0; runs=0
for cap in "${captures[@]}"; do
  "$tcplens" read --json "$cap" > "$tmp/full.json" 2>/dev/null || continue
  # The sending endpoints: "address port" of every packet's source.
  "$tcplens" read --plain -n "$cap" 2>/dev/null | perl -ne 'print "$1 $2\n" if /^\S+ IP6? (\S+)\.(\d+) > /' | sort -u > "$tmp/senders"
  while read -r host port; do
    host=${host#[}; host=${host%]}
    filter="src host $host and src port $port"
    "$tcplens" read --json "$cap" "$filter" > "$tmp/one.json" 2>/dev/null
    "$tcplens" read "$cap" "$filter" > "$tmp/one.txt" 2>/dev/null
    runs=$((runs + 1))
    if ! perl "$here/one_direction.pl" "$tmp/full.json" "$tmp/one.json" "$tmp/one.txt" "$(basename "$cap") [$filter]"; then
      failed=$((failed + 1))
    fi
  done < "$tmp/senders"
done
echo "one direction: $runs one-way reads of ${#captures[@]} captures, $failed contradict the whole capture"
[ "$failed" -eq 0 ]
