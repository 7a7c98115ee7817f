#!/usr/bin/env bash
# WebSocket frames against tshark's websocket dissector, frame by frame:
# for each CAPTURE:PORT, tcplens's `read --json` frames (websocket_lines.py)
# must equal websocket_frames.sh's lines exactly (packet, direction,
# opcode, FIN, mask, payload length, close code). A capture tshark finds no
# frame in fails (the comparison would prove nothing); a listed capture
# that does not exist is skipped with a note (the shared corpus is
# optional), but at least one must be compared.
#   websocket_agreement.sh TCPLENS CAPTURE:PORT...
set -u
here=$(cd "$(dirname "$0")" && pwd)
tcplens=$1
shift
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
compared=0 failed=0 frames=0
for spec in "$@"; do
  capture=${spec%:*} port=${spec##*:}
  if [ ! -f "$capture" ]; then
    echo "skip (absent): $capture"
    continue
  fi
  bash "$here/websocket_frames.sh" "$capture" "$port" >"$tmp/tshark" || {
    echo "FAIL: tshark oracle failed on $capture"
    failed=$((failed + 1))
    continue
  }
  "$tcplens" read --json "$capture" 2>/dev/null | python3 "$here/websocket_lines.py" >"$tmp/tcplens"
  n=$(wc -l <"$tmp/tshark")
  if [ "$n" -eq 0 ]; then
    echo "FAIL: tshark finds no WebSocket frame in $capture"
    failed=$((failed + 1))
  elif ! diff "$tmp/tshark" "$tmp/tcplens" >"$tmp/diff"; then
    echo "FAIL: $capture differs from tshark (< tshark, > tcplens):"
    head -20 "$tmp/diff"
    failed=$((failed + 1))
  else
    echo "ok: $capture: $n frames agree"
  fi
  compared=$((compared + 1))
  frames=$((frames + n))
done
echo "websocket: $compared captures, $frames frames, $failed failures"
[ "$compared" -gt 0 ] && [ "$failed" -eq 0 ]
