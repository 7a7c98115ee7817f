#!/usr/bin/env bash
# --log FORMAT=FILE: several flow-record sinks at once, beside a command's
# own output. For read, timeline and flows (and flows --threads 2) over the
# same captures, every --log file must be byte for byte what
# `flows --format FORMAT` prints for them (SOURCE_DATE_EPOCH fixes Zeek's
# #open/#close), the command's own output must not change, and an
# unwritable log is one line naming the file, exit 3, nothing written.
#   flow_logs.sh TCPLENS SOURCE_DIR
set -u
tcplens=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1700000000 TZ=UTC LC_ALL=C
captures=("$src/captures/loopback/udp-echo.pcap" "$src/captures/loopback/websocket.pcap"
          "$src/captures/synthetic/connections/seeds-keepalive-timeout.pcap")
failed=0
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }
formats=(table json csv zeek zeek-json)
for f in "${formats[@]}"; do
  "$tcplens" flows --format "$f" "${captures[@]}" >"$tmp/want.$f" 2>/dev/null || fail "flows --format $f"
  [ -s "$tmp/want.$f" ] || fail "flows --format $f printed nothing"
done
for cmd in read timeline "flows" "flows --threads 2"; do
  args=()
  for f in "${formats[@]}"; do args+=(--log "$f=$tmp/got.$f"); done
  # shellcheck disable=SC2086
  "$tcplens" $cmd "${args[@]}" "${captures[@]}" >"$tmp/out.with" 2>/dev/null || fail "$cmd --log exited $?"
  # shellcheck disable=SC2086
  "$tcplens" $cmd "${captures[@]}" >"$tmp/out.without" 2>/dev/null
  cmp -s "$tmp/out.with" "$tmp/out.without" || fail "$cmd: --log changed the command's own output"
  for f in "${formats[@]}"; do
    cmp -s "$tmp/want.$f" "$tmp/got.$f" || { fail "$cmd --log $f= differs from flows --format $f:"; diff "$tmp/want.$f" "$tmp/got.$f" | head -5; }
  done
done
grep -q $'\tudp\t' "$tmp/want.zeek" || fail "the logs hold no UDP flow"
grep -q $'\thttp,websocket\t' "$tmp/want.zeek" || fail "the logs hold no WebSocket connection"
# Unwritable: one line naming the file, exit 3.
"$tcplens" read --log "zeek=$tmp/no/such/dir/conn.log" "${captures[0]}" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ "$rc" -eq 3 ] || fail "unwritable --log: exit $rc, not 3"
[ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -q "no/such/dir/conn.log: cannot write" "$tmp/err" || fail "unwritable --log: $(cat "$tmp/err")"
[ -s "$tmp/out" ] && fail "unwritable --log: the command ran anyway"
# A bad spec is a usage error.
"$tcplens" read --log "pcap=$tmp/x" "${captures[0]}" >/dev/null 2>"$tmp/err"
rc=$?
[ "$rc" -eq 2 ] || fail "--log pcap=...: exit $rc, not 2"
echo "flow logs: $failed failures"
[ "$failed" -eq 0 ]
