#!/usr/bin/env bash
# Re-makes udp-echo.pcap in this folder: udp_scenarios.js runs for real over
# 127.0.0.1 (an echo server on port 9000, a client sending 3 datagrams, a
# datagram to 9001 and one from the server to 9002, both answered by ICMP port
# unreachable) while tcpdump records 'udp or icmp' on lo.
# Needs root (for tcpdump on lo), tcpdump and node. The capture is committed,
# so tests do not run this.
set -euo pipefail
cd "$(dirname "$0")"
port=9000
out=udp-echo.pcap
tcpdump -i lo -U -w "$out" 'udp or icmp' 2>/dev/null &
dump=$!
sleep 1
node udp_scenarios.js "$port"
sleep 1
kill -INT "$dump"; wait "$dump" || true
echo "$out: $(tcpdump -r "$out" 2>/dev/null | wc -l) packets"
