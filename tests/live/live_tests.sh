#!/usr/bin/env bash
# tcplens live on real traffic: loopback HTTP (keep-alive, then
# Connection: close), a transfer with random drops between two network
# namespaces, SIGINT in the middle of a transfer, -w, -Z, permissions.
# Needs root; exits 77 (ctest: skipped) without it.
# usage: live_tests.sh TCPLENS PROJECT_DIR
set -u
tcplens=$1; project=$2
if [ "$(id -u)" -ne 0 ] || ! command -v node >/dev/null; then
  echo "SKIPPED: live capture tests need root and node"; exit 77
fi
tmp=$(mktemp -d)
cleanup() { ip netns del tl-lc 2>/dev/null; ip netns del tl-ls 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
failures=0; checks=0
ok() { checks=$((checks + 1)); if ! "$@"; then failures=$((failures + 1)); echo "FAIL: $*"; fi; }
has() { grep -qE -- "$2" "$1" || { echo "no '$2' in $1:"; head -c 3000 "$1"; return 1; }; }
flow_field() {  # flow_field FILE STREAM FIELD -> value
  perl -ne 'next unless /"type":"flow","stream":'"$2"',/; print "$1\n" if /"'"$3"'":"?([^",}]*)/' "$1"
}
port=18480

# 1. Loopback: three requests on one keep-alive connection, then one with
#    Connection: close; the stream is annotated as it happens, -w records it.
"$tcplens" live -i lo --json --duration 5 -w "$tmp/live.pcap" "tcp port $port" >"$tmp/live.json" 2>"$tmp/live.err" &
live=$!
for _ in 1 2 3 4 5 6 7 8 9 10; do grep -q listening "$tmp/live.err" 2>/dev/null && break; sleep 0.3; done
(cd "$project/captures/loopback" && node scenarios.js http-keepalive-three-requests $port && node scenarios.js http-connection-close $port)
wait $live; rc=$?
ok test "$rc" -eq 0
ok has "$tmp/live.json" '"annotations":\["handshake_syn"\]'
ok test "$(flow_field "$tmp/live.json" 0 handshake)" = complete
ok test "$(flow_field "$tmp/live.json" 0 active_closer)" = orig
ok test "$(flow_field "$tmp/live.json" 0 time_wait)" = orig
ok test "$(flow_field "$tmp/live.json" 1 active_closer)" = resp
ok test "$(flow_field "$tmp/live.json" 1 time_wait)" = resp
ok has "$tmp/live.err" 'received by filter'
# What -w wrote reads back to the same flow records.
grep '"type":"flow"' "$tmp/live.json" | sort >"$tmp/live.flows"
"$tcplens" flows --json "$tmp/live.pcap" 2>/dev/null | sort >"$tmp/read.flows"
ok cmp -s "$tmp/live.flows" "$tmp/read.flows"
ok test "$(wc -l <"$tmp/live.flows")" -eq 2

# 2. SIGINT in the middle of a transfer: summary of open connections, exit 0.
"$tcplens" live -i lo "tcp port $((port + 1))" >"$tmp/int.out" 2>"$tmp/int.err" &
live=$!
sleep 0.5
node "$project/captures/netns/bulk.js" server 127.0.0.1 $((port + 1)) 400000000 &
server=$!
sleep 0.5
node "$project/captures/netns/bulk.js" client 127.0.0.1 $((port + 1)) 5000 >/dev/null &  # stalls: stays open
client=$!
sleep 1
kill -INT $live; wait $live; rc=$?
kill $client $server 2>/dev/null; wait $client $server 2>/dev/null
ok test "$rc" -eq 0
ok has "$tmp/int.out" 'still in the table when the capture stopped'
ok has "$tmp/int.out" 'complete +open'
ok has "$tmp/int.err" 'packets received by filter, [0-9]+ dropped by kernel'

# 3. Random drops between two namespaces, seen live as retransmissions.
# shellcheck source=../lib/netns.sh
. "$project/tests/lib/netns.sh"
netns_pair tl-lc tl-ls 10.251.0
# MSS-sized segments (no TSO/GSO super-segments): ~1400 segments, ~40 drops.
ip netns exec tl-ls ethtool -K tl-ls0 tso off gso off >/dev/null
ip netns exec tl-lc ethtool -K tl-lc0 gro off >/dev/null
ip netns exec tl-lc nft add table inet tl
ip netns exec tl-lc nft add chain inet tl in '{ type filter hook input priority 0; }'
ip netns exec tl-lc nft add rule inet tl in tcp sport 8080 tcp flags '& (syn|fin|rst) == 0' numgen random mod 100 '<' 3 drop
# A large kernel buffer (-B) and short snapshots (-s) so that no packet is lost
# to the capture itself, even under the sanitizers.
ip netns exec tl-lc "$tcplens" live -i tl-lc0 -s 200 -B 65536 --json 'tcp port 8080' >"$tmp/drops.json" 2>"$tmp/drops.err" &
live=$!
for _ in 1 2 3 4 5 6 7 8 9 10; do grep -q listening "$tmp/drops.err" 2>/dev/null && break; sleep 0.3; done
ip netns exec tl-ls node "$project/captures/netns/bulk.js" server 10.251.0.2 8080 2000000 &
server=$!
sleep 0.5
ip netns exec tl-lc timeout 20 node "$project/captures/netns/bulk.js" client 10.251.0.2 8080 >/dev/null
sleep 0.5
kill -INT $live; wait $live; rc=$?
kill $server 2>/dev/null
ok test "$rc" -eq 0
retrans=$(flow_field "$tmp/drops.json" 0 retransmissions)
ok test "${retrans:-0}" -ge 10
ok test "$(flow_field "$tmp/drops.json" 0 resp_bytes)" = 2000000
ok has "$tmp/drops.err" ' 0 dropped by kernel'
echo "live drops: $retrans retransmissions seen"

# 4. Finished connections leave the table after --time-wait with their flow
#    record; -c stops after N packets; a closed pipe ends the capture quietly.
"$tcplens" live -i lo --time-wait 1 --duration 4 --log "zeek=$tmp/expire.conn.log" "tcp port $((port + 3))" \
  >"$tmp/expire.out" 2>"$tmp/expire.err" &
live=$!
for _ in 1 2 3 4 5 6 7 8 9 10; do grep -q listening "$tmp/expire.err" 2>/dev/null && break; sleep 0.3; done
(cd "$project/captures/loopback" && node scenarios.js http-connection-close $((port + 3)))
wait $live
# (a finished connection's record comes without the close-out line idle or
# crowded-out ones get), before the capture stops, not in its summary.
ok test "$(grep -c 'closed out' "$tmp/expire.out")" = 0
ok test "$(grep -c 'still in the table' "$tmp/expire.out")" = 0
ok has "$tmp/expire.out" 'complete +fin +server server'
# --log: the same connection in Zeek's conn.log, the log closed when the capture stops.
ok has "$tmp/expire.conn.log" $'\ttcp\thttp\t[0-9.]+\t[0-9]+\t[0-9]+\tSF\t'
ok has "$tmp/expire.conn.log" '^#close'
"$tcplens" live -i lo -c 3 --plain "tcp port $((port + 4))" >"$tmp/count.out" 2>"$tmp/count.err" &
live=$!
for _ in 1 2 3 4 5 6 7 8 9 10; do grep -q listening "$tmp/count.err" 2>/dev/null && break; sleep 0.3; done
(cd "$project/captures/loopback" && node scenarios.js http-connection-close $((port + 4)))
timeout 5 tail --pid=$live -f /dev/null; ok test "$(wc -l <"$tmp/count.out")" -eq 3
( "$tcplens" live -i lo "tcp port $((port + 5))" 2>"$tmp/pipe.err" | head -1 >"$tmp/pipe.out" ) &
pipeline=$!
for _ in 1 2 3 4 5 6 7 8 9 10; do grep -q listening "$tmp/pipe.err" 2>/dev/null && break; sleep 0.3; done
(cd "$project/captures/loopback" && node scenarios.js http-connection-close $((port + 5)))
timeout 5 tail --pid=$pipeline -f /dev/null; ok test "$(wc -l <"$tmp/pipe.out")" -eq 1
ok test -z "$(grep -v -e listening "$tmp/pipe.err")"

# 4b. Terminal escapes in a live HTTP exchange reach stdout escaped, never raw.
"$tcplens" live -i lo --duration 4 "tcp port $((port + 6))" >"$tmp/esc.out" 2>"$tmp/esc.err" &
live=$!
for _ in 1 2 3 4 5 6 7 8 9 10; do grep -q listening "$tmp/esc.err" 2>/dev/null && break; sleep 0.3; done
node "$project/tests/live/hostile_http.js" $((port + 6))
wait $live
ok has "$tmp/esc.out" 'HTTP request #1: GET /\\x1b\]52;c;cm0gLXJmIH4=\\x07'
ok has "$tmp/esc.out" 'HTTP response #1: 200 OK\\x1b\]52'
ok test -z "$(perl -ne 'print if /[\x00-\x08\x0b-\x1f\x7f]/' "$tmp/esc.out")"

# 5. Errors and privileges.
"$tcplens" live -i nosuchif0 >/dev/null 2>"$tmp/e1"; rc=$?
ok test "$rc" -eq 2; ok has "$tmp/e1" 'nosuchif0: no such interface'
"$tcplens" live -i lo 'tcp port banana' >/dev/null 2>"$tmp/e2"; rc=$?
ok test "$rc" -eq 2; ok has "$tmp/e2" "bad filter expression 'tcp port banana'"
setpriv --reuid=nobody --regid=nogroup --clear-groups "$tcplens" live -i lo >/dev/null 2>"$tmp/e3"; rc=$?
ok test "$rc" -eq 2; ok has "$tmp/e3" 'needs root or the CAP_NET_RAW and CAP_NET_ADMIN'
"$tcplens" live -i lo -Z nobody --duration 1 "tcp port $((port + 2))" >/dev/null 2>"$tmp/e4"; rc=$?
ok test "$rc" -eq 0
"$tcplens" live -D >"$tmp/list"; ok has "$tmp/list" '^[0-9]+\.lo .*Loopback'
# -w is opened after -Z drops privileges (as tcpdump): nobody cannot write in
# the root-only $tmp, so this fails and leaves no file.
"$tcplens" live -i lo -Z nobody --duration 1 -w "$tmp/as-nobody.pcap" "tcp port $((port + 2))" >/dev/null 2>"$tmp/e5"; rc=$?
ok test "$rc" -eq 3; ok has "$tmp/e5" 'as-nobody.pcap'; ok test ! -e "$tmp/as-nobody.pcap"
"$tcplens" live -i lo -B 3000000 >/dev/null 2>"$tmp/e6"; rc=$?
ok test "$rc" -eq 2; ok has "$tmp/e6" 'buffer-size'

# A full disk under -w is an error, not silent loss.
"$tcplens" live -i lo --duration 1 -w /dev/full "tcp port $((port + 3))" >/dev/null 2>"$tmp/full.err"; rc=$?
ok test "$rc" -eq 2
ok has "$tmp/full.err" '^tcplens: /dev/full: writing the capture failed \(disk full\?\)$'

echo "live capture: $checks checks, $failures failed"
[ "$failures" -eq 0 ]
