#!/usr/bin/env bash
# flows --threads N must print what flows prints with one table: the same
# rows in the same order, the same summary line (close-out counts too), on
# every capture of captures/ and the shared corpus, and on a generated
# capture of 1,000 connections (200 open at once) under idle timeouts short
# enough that thousands of connections are closed out and started again
# midstream, which exercises numbering across shards and rounds.
# And on one of 50,000 connections all open at its end, so that every shard
# retires far more than the 16,384 records it may leave uncollected at the
# end before it waits for the reading thread.
# Also a truncated file and one that is no capture at all.
# usage: threads_identical.sh TCPLENS GENERATE_BENCH_CAPTURE CAPTURE_DIR...
set -u
tcplens=$1; generate=$2; shift 2
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib/captures.sh"
list_captures "$@"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

"$generate" "$work/generated.pcap" 1000 200 9 4 >/dev/null || { echo "generator failed"; exit 1; }
"$generate" "$work/wide.pcap" 50000 50000 5 0 >/dev/null || { echo "generator failed"; exit 1; }

failures=0; runs=0
compare() {  # capture, then the options shared by both runs
  local capture=$1; shift
  "$tcplens" flows "$@" "$capture" >"$work/one.out" 2>"$work/one.err"
  local one_rc=$?
  for n in 1 2 3; do
    "$tcplens" flows --threads "$n" "$@" "$capture" >"$work/n.out" 2>"$work/n.err"
    local rc=$?
    runs=$((runs + 1))
    if [ $rc -ne $one_rc ] || ! cmp -s "$work/one.out" "$work/n.out" || ! cmp -s "$work/one.err" "$work/n.err"; then
      failures=$((failures + 1))
      echo "DIFFERS: flows --threads $n $* $capture (exit $rc, one table $one_rc)"
      diff "$work/one.out" "$work/n.out" | head -5
      diff "$work/one.err" "$work/n.err" | head -5
    fi
  done
}

for c in "${captures[@]}"; do
  compare "$c"
  compare "$c" --json
done
compare "$work/generated.pcap" --json
compare "$work/generated.pcap" --idle-timeout 0.002 --time-wait 0.001
compare "$work/generated.pcap" --json --idle-timeout 0.02
compare "$work/wide.pcap"
# Bad input: the same error line, summary and exit code (the records read
# before a truncated record are still written).
head -c 1000000 "$work/generated.pcap" >"$work/truncated.pcap"
printf 'not a capture' >"$work/garbage.pcap"
compare "$work/truncated.pcap"
compare "$work/garbage.pcap"

# The generated runs must really have closed connections out, or the
# comparison above proved less than it says.
"$tcplens" flows --threads 2 --idle-timeout 0.002 --time-wait 0.001 "$work/generated.pcap" 2>&1 >/dev/null |
  grep -Eq '[0-9]{4,} connections closed out idle' || { echo "generated capture closed out too few connections"; failures=$((failures + 1)); }

echo "threads: ${#captures[@]} captures, $runs threaded runs compared, $failures differ"
[ "$failures" -eq 0 ] && [ "${#captures[@]}" -gt 10 ]
