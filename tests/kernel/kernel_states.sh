#!/usr/bin/env bash
# Oracle: the Linux kernel's own socket states. Real connections between two
# network namespaces of this test (tl-kc client, tl-ks server, a veth pair),
# scripted by peer.js; both ends' states sampled with `ss -tan` as fast as ss
# runs (a few ms); the veth captured by `tcplens live -w`; then tcplens' per-
# endpoint state sequence (read --json "changes") is held against the
# kernel's: the kernel's distinct states must be a subsequence of tcplens',
# and the final states (CLOSED once the socket is gone, TIME_WAIT while it
# lasts) must be equal. Needs root.
#
# usage: kernel_states.sh TCPLENS [RUNS]   (each scenario RUNS times, default 1)
# KEEP_CAPTURES=DIR keeps each scenario's capture there (SCENARIO.pcap); that
# is how captures/netns/client-fin-lost.pcap was made.
set -u
tcplens=$1; runs=${2:-1}
here=$(cd "$(dirname "$0")" && pwd)
export TZ=UTC LC_ALL=C
[ "$(id -u)" -eq 0 ] || { echo "kernel_states: needs root (network namespaces)"; exit 1; }
command -v node >/dev/null || { echo "kernel_states: needs node (tools/install-deps installs it)"; exit 1; }
tmp=$(mktemp -d)
cleanup() { ip netns del tl-kc 2>/dev/null; ip netns del tl-ks 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
cleanup; tmp=$(mktemp -d)

# shellcheck source=../lib/netns.sh
. "$here/../lib/netns.sh"
netns_pair tl-kc tl-ks 10.252.0
# (No netem delay: Debian's cloud kernel has no sch_netem, so states that
# last microseconds, such as SYN_SENT or LAST_ACK, are often not sampled; a
# subsequence check allows that. FINs that are on the wire at once need a
# delay; fins-cross makes them cross by dropping the server's FIN before the
# client instead.)

port=9000
sampler() {  # NS OUT: ss snapshots separated by "--"
  ip netns exec "$1" bash -c "while :; do ss -tanH '( sport = :$port or dport = :$port )'; echo --; done" > "$2" 2>/dev/null &
  echo $!
}

# One scenario, one connection (two for port-reuse) on a fresh port; the
# exit status is compare_states.pl's. DIFF lines are also kept in $tmp/diffs
# for the summary at the end (CI shows the tail of a long log).
run_scenario() {
  local scenario=$1
  if [ "$scenario" = client-fin-lost ]; then  # drop the client's first FIN before the server
    ip netns exec tl-ks nft add table inet tlk
    ip netns exec tl-ks nft add chain inet tlk in '{ type filter hook input priority 0; }'
    ip netns exec tl-ks nft add rule inet tlk in tcp dport $port tcp flags '& fin == fin' limit rate 1/hour burst 1 packets drop
  fi
  if [ "$scenario" = fins-cross ]; then  # drop the server's first FIN on arrival at the client (after the capture point)
    ip netns exec tl-kc nft add table inet tlk
    ip netns exec tl-kc nft add chain inet tlk in '{ type filter hook input priority 0; }'
    ip netns exec tl-kc nft add rule inet tlk in tcp sport $port tcp flags '& fin == fin' limit rate 1/hour burst 1 packets drop
  fi
  if [ "$scenario" = final-ack-lost ]; then  # drop the client's first pure ACK after its FIN
    ip netns exec tl-ks nft add table inet tlk
    ip netns exec tl-ks nft add chain inet tlk in '{ type filter hook input priority 0; }'
    ip netns exec tl-ks nft add set inet tlk finned '{ type inet_service; flags dynamic; }'
    ip netns exec tl-ks nft add rule inet tlk in tcp dport $port tcp sport @finned tcp flags == ack limit rate 1/hour burst 1 packets drop
    ip netns exec tl-ks nft add rule inet tlk in tcp dport $port tcp flags '& fin == fin' add @finned '{ tcp sport }'
  fi
  cap="$tmp/$scenario.pcap"
  ip netns exec tl-kc "$tcplens" live -i tl-kc0 -s 200 -w "$cap" "tcp port $port" >/dev/null 2>"$tmp/live.err" &
  live=$!
  for _ in $(seq 1 30); do grep -q listening "$tmp/live.err" 2>/dev/null && break; sleep 0.1; done
  s1=$(sampler tl-kc "$tmp/client.ss"); s2=$(sampler tl-ks "$tmp/server.ss")
  server=""
  if [ "$scenario" != refused ]; then
    ip netns exec tl-ks node "$here/peer.js" server 10.252.0.2 $port "$scenario" > "$tmp/server.out" &
    server=$!
    for _ in $(seq 1 50); do grep -q listening "$tmp/server.out" 2>/dev/null && break; sleep 0.05; done
  fi
  ip netns exec tl-kc timeout 10 node "$here/peer.js" client 10.252.0.2 $port "$scenario"
  sleep 0.5
  # The server's FIN is sent again after its retransmission timeout (200 ms at least).
  [ "$scenario" = final-ack-lost ] || [ "$scenario" = fins-cross ] && sleep 1
  kill "$s1" "$s2" 2>/dev/null; wait "$s1" "$s2" 2>/dev/null
  [ -n "$server" ] && { kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; }
  kill -INT "$live"; wait "$live"
  [ -n "${KEEP_CAPTURES:-}" ] && cp "$cap" "$KEEP_CAPTURES/"
  "$tcplens" read --json "$cap" > "$tmp/read.json" 2>/dev/null
  perl "$here/compare_states.pl" "$scenario" "$tmp/client.ss" "$tmp/server.ss" "$tmp/read.json" > "$tmp/compare.out"
  local verdict=$?
  cat "$tmp/compare.out"
  if [ "$verdict" -ne 0 ]; then
    "$tcplens" read "$cap" 2>&1 | sed 's/^/    /' | head -40
    grep -A1 '^DIFF' "$tmp/compare.out" | sed "s/^/run $run port $port: /" >> "$tmp/diffs"
  fi
  ip netns exec tl-ks nft delete table inet tlk 2>/dev/null
  ip netns exec tl-kc nft delete table inet tlk 2>/dev/null
  # TIME_WAIT sockets of this run must not meet the next one: a new port.
  port=$((port + 1))
  return "$verdict"
}

# The kernel is sampled by ss every few ms, so a state can be missed or a
# snapshot can fall between two sockets; a scenario that differs is run once
# more, and fails only when it differs again. Both DIFFs stay in the summary.
failed=0; checked=0; retried=0; : > "$tmp/diffs"
for run in $(seq 1 "$runs"); do
  for scenario in client-closes server-closes half-close client-reset refused client-fin-lost final-ack-lost fins-cross port-reuse; do
    checked=$((checked + 1))
    run_scenario "$scenario" && continue
    retried=$((retried + 1))
    echo "retry $scenario (run $run)"
    run_scenario "$scenario" || failed=$((failed + 1))
  done
done
if [ -s "$tmp/diffs" ]; then echo "differences seen:"; cat "$tmp/diffs"; fi
echo "kernel states: $checked connections, $retried differed once, $failed differ from the kernel twice"
[ "$failed" -eq 0 ]
