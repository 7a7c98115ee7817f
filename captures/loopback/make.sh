#!/usr/bin/env bash
# Re-makes the loopback captures in this folder: each scenario of
# scenarios.js runs for real over 127.0.0.1 while tcpdump records it.
# Needs root (for tcpdump on lo), tcpdump and node. The captures are
# committed, so tests do not run this.
set -euo pipefail
cd "$(dirname "$0")"
port=8080
for name in "$@"; do
  out="$name.pcap"
  tcpdump -i lo -U -w "$out" "tcp port $port" 2>/dev/null &
  dump=$!
  sleep 1
  node scenarios.js "$name" "$port"
  sleep 1
  kill -INT "$dump"; wait "$dump" || true
  echo "$out: $(tcpdump -r "$out" 2>/dev/null | wc -l) packets"

done
