#!/usr/bin/env bash
# Oracle for WebSocket framing: tshark's view of every WebSocket frame
# (RFC 6455) of a capture, one line per frame, in frame order:
#
#   FRAME DIR OPCODE FIN MASKED PAYLOAD_LENGTH CLOSE_CODE
#
#   FRAME           number of the packet that completes the WebSocket frame:
#                   tshark reassembles a frame that crosses segments and
#                   dissects it on the packet carrying its last byte, so a
#                   frame is reported exactly once, there
#   DIR             orig when sent by the connection's initiator (the side
#                   that sent the SYN, without ACK, of that tcp.stream), resp
#                   otherwise; ? when the capture holds no SYN for the stream
#   OPCODE          continuation text binary close ping pong, else 0xN
#   FIN, MASKED     true or false
#   PAYLOAD_LENGTH  the payload's length in bytes: the extended 16- or 64-bit
#                   value when the 7-bit field says 126 or 127
#   CLOSE_CODE      the status code of a close frame that carries one, else -
#
# A packet that carries several WebSocket frames (or ends one and holds
# others) yields several lines, in the order of the frames in the stream.
# Fragmented messages are listed frame by frame (tshark's message reassembly
# is not what is reported). WebSocket is found where tshark finds it: on
# PORT (8080 unless given) decoded as HTTP, from the 101 response on; frames
# in the same segment as the 101 are included.
#
# usage: websocket_frames.sh CAPTURE [PORT]
set -euo pipefail
if [ $# -lt 1 ] || [ $# -gt 2 ]; then
  echo "usage: $0 CAPTURE [PORT]" >&2
  exit 2
fi
cap=$1; port=${2:-8080}
command -v tshark >/dev/null || { echo "tshark is not installed (tools/install-deps installs it)" >&2; exit 1; }
[ -r "$cap" ] || { echo "$0: cannot read $cap" >&2; exit 1; }
export LC_ALL=C

tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
run_tshark() { # OUT ARGS...: tshark's fields into OUT; its warnings kept off
  local out=$1; shift
  if ! tshark -r "$cap" -d "tcp.port==$port,http" -T fields -E separator=/t -E occurrence=a "$@" \
      > "$out" 2> "$tmp/err"; then
    cat "$tmp/err" >&2
    exit 1
  fi
  grep -v '^Running as user' "$tmp/err" >&2 || true
}

# The initiator of every stream: the sender of its SYN without ACK. In a
# tunnel the innermost address (the last occurrence) is the TCP one.
run_tshark "$tmp/syn" -Y 'tcp.flags.syn == 1 && tcp.flags.ack == 0' \
  -e tcp.stream -e ip.src -e ipv6.src -e tcp.srcport
# Every packet with WebSocket: one occurrence per frame of the per-frame
# fields; the extended lengths and close codes only for the frames that
# have them, taken in order below.
run_tshark "$tmp/ws" -Y websocket \
  -e frame.number -e tcp.stream -e ip.src -e ipv6.src -e tcp.srcport \
  -e websocket.opcode -e websocket.fin -e websocket.mask -e websocket.payload_length \
  -e websocket.payload_length_ext_16 -e websocket.payload_length_ext_64 \
  -e websocket.payload.close.status_code

awk -F'\t' '
  function last(s,   a, n) { n = split(s, a, ","); return n ? a[n] : "" }
  function bool(v) { return v == "1" || v == "True" || v == "true" ? "true" : "false" }
  function fail(msg) { printf "websocket_frames.sh: frame %s: %s\n", $1, msg > "/dev/stderr"; bad = 1; exit 1 }
  BEGIN {
    name[0] = "continuation"; name[1] = "text"; name[2] = "binary"
    name[8] = "close"; name[9] = "ping"; name[10] = "pong"
  }
  FILENAME == ARGV[1] { # SYNs
    addr = last($2) != "" ? last($2) : last($3)
    if (!($1 in initiator)) initiator[$1] = addr " " last($4)
    next
  }
  {
    addr = last($3) != "" ? last($3) : last($4)
    src = addr " " last($5)
    dir = !($2 in initiator) ? "?" : initiator[$2] == src ? "orig" : "resp"
    n = split($6, op, ","); split($7, fin, ","); split($8, mask, ","); split($9, len, ",")
    n16 = split($10, ext16, ","); n64 = split($11, ext64, ","); ncode = split($12, code, ",")
    i16 = i64 = icode = 0
    for (i = 1; i <= n; i++) {
      o = op[i] + 0
      l = len[i]
      if (l == 126) { if (++i16 > n16) fail("no 16-bit length"); l = ext16[i16] }
      else if (l == 127) { if (++i64 > n64) fail("no 64-bit length"); l = ext64[i64] }
      c = "-"
      if (o == 8 && l >= 2) { if (++icode > ncode) fail("close frame without status code"); c = code[icode] }
      printf "%s %s %s %s %s %s %s\n", $1, dir, (o in name) ? name[o] : sprintf("0x%x", o), bool(fin[i]), bool(mask[i]), l, c
    }
    if (i16 != n16 || i64 != n64 || icode != ncode) fail("fields do not line up with the frames")
  }
  END { if (bad) exit 1 }
' "$tmp/syn" "$tmp/ws"
