#!/usr/bin/env bash
# Real traffic between two network namespaces joined by a veth pair, recorded
# on the client side. Needs root, iproute2, nft, tcpdump, node. Uses only
# namespaces it creates (tl-client, tl-server) and removes them afterwards.
#   make.sh random-drops   3% of the server's data segments are dropped at random
#                          on arrival in the client's namespace (after the
#                          capture point: the capture shows them, the client's
#                          TCP never gets them, so it sends duplicate ACKs and
#                          the server retransmits)
#   make.sh upstream-drops 3% of the server's data segments are dropped at random
#                          by a router namespace between the two (before the
#                          capture point: the capture never has them, the
#                          server retransmits into the holes)
#   make.sh zero-window    the client stops reading for 2 s: its window fills
# client-fin-lost.pcap comes from the kernel-state test: KEEP_CAPTURES=DIR
# tests/kernel/kernel_states.sh build/tcplens (the client's first FIN dropped by
# nft before the server, which closes 150 ms later; checked against ss).
set -euo pipefail
cd "$(dirname "$0")"
name=$1
cleanup() { for ns in tl-client tl-server tl-router; do ip netns del $ns 2>/dev/null || true; done; }
trap cleanup EXIT
cleanup
ip netns add tl-client
ip netns add tl-server
server_ip=10.250.0.2
if [ "$name" = upstream-drops ]; then
  # client 10.250.0.1 -- tl-router (10.250.0.254 | 10.251.0.254) -- server 10.251.0.2
  server_ip=10.251.0.2
  ip netns add tl-router
  ip link add tl-c type veth peer name tl-rc
  ip link add tl-s type veth peer name tl-rs
  ip link set tl-rc netns tl-router
  ip link set tl-rs netns tl-router
  ip -n tl-router addr add 10.250.0.254/24 dev tl-rc
  ip -n tl-router addr add 10.251.0.254/24 dev tl-rs
  ip -n tl-router link set lo up
  ip -n tl-router link set tl-rc up
  ip -n tl-router link set tl-rs up
  ip netns exec tl-router sysctl -qw net.ipv4.ip_forward=1
  for dev in tl-rc tl-rs; do ip netns exec tl-router ethtool -K $dev gro off gso off tso off >/dev/null 2>&1 || true; done
else
  ip link add tl-c type veth peer name tl-s
fi
ip link set tl-c netns tl-client
ip link set tl-s netns tl-server
ip -n tl-client addr add 10.250.0.1/24 dev tl-c
ip -n tl-server addr add $server_ip/24 dev tl-s
for ns in tl-client tl-server; do ip -n $ns link set lo up; done
ip -n tl-client link set tl-c up
ip -n tl-server link set tl-s up
if [ "$name" = upstream-drops ]; then
  ip -n tl-client route add default via 10.250.0.254
  ip -n tl-server route add default via 10.251.0.254
fi
# Keep segments small so the transfer has many of them (no TSO super-segments).
ip netns exec tl-server ethtool -K tl-s tso off gso off >/dev/null 2>&1 || true
ip netns exec tl-client ethtool -K tl-c gro off >/dev/null 2>&1 || true
case "$name" in
  random-drops)
    ip netns exec tl-client nft add table inet tl
    ip netns exec tl-client nft add chain inet tl in '{ type filter hook input priority 0; }'
    ip netns exec tl-client nft add rule inet tl in tcp sport 8080 tcp flags '& (syn|fin|rst) == 0' numgen random mod 100 '<' 3 counter drop
    bytes=1500000; stall=0 ;;
  upstream-drops)
    ip netns exec tl-router nft add table inet tl
    ip netns exec tl-router nft add chain inet tl through '{ type filter hook forward priority 0; }'
    ip netns exec tl-router nft add rule inet tl through tcp sport 8080 tcp flags '& (syn|fin|rst) == 0' numgen random mod 100 '<' 3 counter drop
    bytes=1500000; stall=0 ;;
  zero-window)
    bytes=3000000; stall=2000 ;;
  *) echo "unknown capture $name"; exit 2 ;;
esac
ip netns exec tl-client tcpdump -i tl-c -U -s 200 -w "$name.pcap" tcp port 8080 2>/dev/null &
dump=$!
ip netns exec tl-server node bulk.js server $server_ip 8080 "$bytes" &
server=$!
sleep 1
ip netns exec tl-client timeout 30 node bulk.js client $server_ip 8080 "$stall"
sleep 1
ip netns exec tl-client nft list chain inet tl in 2>/dev/null | grep -o 'counter packets [0-9]*' || true
ip netns exec tl-router nft list chain inet tl through 2>/dev/null | grep -o 'counter packets [0-9]*' || true
kill -INT "$dump"; wait "$dump" || true
kill "$server" 2>/dev/null || true
echo "$name.pcap: $(tcpdump -r "$name.pcap" 2>/dev/null | wc -l) packets"
