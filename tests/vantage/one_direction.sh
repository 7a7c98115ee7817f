#!/usr/bin/env bash
# One-direction test: each capture of captures/ read whole, then once per
# sending endpoint with `src host H and src port P` (what a SPAN port with
# asymmetric routing, or a one-way tap, records). In the one-direction run:
#  - every connection's flow record says "vantage" orig_only or resp_only,
#    and its handshake is never "complete";
#  - no line judges the invisible direction: no "ACKs data the capture never
#    saw", no "content gap";
#  - after each packet, its sender's state is the one the whole capture gives
#    it after the same packet, or one it reaches from there by receiving
#    alone (the one-way read cannot see what the sender received: it may lag
#    behind, never run ahead or take another branch).
# Reads listed in EXCEPTIONS (with the reason) are reported, not failed.
# usage: one_direction.sh TCPLENS EXCEPTIONS CAPTURE_OR_DIR...
set -u
tcplens=$1; exceptions=$2; shift 2
here=$(cd "$(dirname "$0")" && pwd)
export TZ=UTC LC_ALL=C
# shellcheck source=../lib/captures.sh
. "$here/../lib/captures.sh"
list_captures "$@"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
failed=0; runs=0; excused=0; tunnelled=0
for cap in "${captures[@]}"; do
  "$tcplens" read --json "$cap" > "$tmp/full.json" 2>/dev/null || continue
  # A BPF filter sees only the outer headers of a tunnel (and MPLS, PPPoE):
  # no one-way read of the inner connection can be made with one. VLAN tags
  # are handled below.
  if perl -ne 'exit 1 if /"encap":\[([^\]]*)\]/ && grep { !/^"vlan / } split /,/, $1' "$tmp/full.json"; then :; else
    tunnelled=$((tunnelled + 1)); continue
  fi
  # The sending endpoints: "address port" of every packet's source.
  "$tcplens" read --plain -n "$cap" 2>/dev/null | perl -ne 'print "$1 $2\n" if /^\S+ IP6? (\S+)\.(\d+) > /' | sort -u > "$tmp/senders"
  while read -r host port; do
    host=${host#[}; host=${host%]}
    one="src host $host and src port $port"
    filter=$one
    "$tcplens" read --json "$cap" "$filter" > "$tmp/one.json" 2>/dev/null
    if ! grep -q '"type":"packet"' "$tmp/one.json"; then
      # libpcap needs "vlan" to look past 802.1Q tags (one per tag, up to three)
      filter="$one or (vlan and ($one or (vlan and ($one or (vlan and $one)))))"
      "$tcplens" read --json "$cap" "$filter" > "$tmp/one.json" 2>/dev/null
    fi
    "$tcplens" read "$cap" "$filter" > "$tmp/one.txt" 2>/dev/null
    runs=$((runs + 1))
    if ! perl "$here/one_direction.pl" "$tmp/full.json" "$tmp/one.json" "$tmp/one.txt" "$(basename "$cap") [$one]"; then
      if grep -v '^#' "$exceptions" | grep -qx "$(basename "$cap") $host $port *\(#.*\)\?"; then
        excused=$((excused + 1)); echo "  (excused: listed in $(basename "$exceptions"))"
      else
        failed=$((failed + 1))
      fi
    fi
  done < "$tmp/senders"
done
echo "one direction: $runs one-way reads of ${#captures[@]} captures ($tunnelled in tunnels, MPLS or PPPoE: no BPF filter sees inside), $failed contradict the whole capture ($excused more excused)"
[ "$runs" -gt 0 ] || { echo "one direction: nothing was read (tcplens printed no lines)"; exit 1; }
[ "$failed" -eq 0 ]
