#!/usr/bin/env bash
# Agreement test: tcplens' segment verdicts against tshark's tcp.analysis.*
# flags, frame by frame, on every capture given (files or directories).
# tshark is only the oracle here; tcplens never runs it.
#
# Per flag it prints: frames both flag, frames only tshark flags, frames only
# tcplens flags, differences excused in EXCEPTIONS (with the reason there),
# and agreement = both / (frames either flags, excused ones counted as
# agreeing). Fails when a flag is under 99% or any difference is unexcused.
#
# usage: tshark_agreement.sh TCPLENS EXCEPTIONS CAPTURE_OR_DIR...
set -u
tcplens=$1; exceptions=$2; shift 2
here=$(cd "$(dirname "$0")" && pwd)
export TZ=UTC LC_ALL=C
# shellcheck source=../lib/captures.sh
. "$(dirname "$0")/../lib/captures.sh"
require_oracle tshark
flags=(retransmission fast_retransmission spurious_retransmission out_of_order lost_segment ack_lost_segment
       duplicate_ack zero_window zero_window_probe zero_window_probe_ack window_full window_update keep_alive
       keep_alive_ack reused_ports)
fields=(-e frame.number)
for f in "${flags[@]}"; do fields+=(-e "tcp.analysis.$f"); done

list_captures "$@"

tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
: > "$tmp/all"
for cap in "${captures[@]}"; do
  name=$(basename "$cap")
  # Only frames tcplens analyses; tshark's own TCP heuristics (e.g. on
  # tunnelled or damaged frames) are out of scope when tcplens has no record.
  tshark -r "$cap" -Y tcp -T fields -E occurrence=f -E separator=, "${fields[@]}" > "$tmp/t" 2>/dev/null || true
  # Wireshark never times a conversation out; tcplens closes out one idle
  # for --idle-timeout (300 s by capture time), so the comparison turns that
  # off (some corpus files join snippets taken days apart).
  "$tcplens" read --json --idle-timeout 0 "$cap" > "$tmp/j" 2>/dev/null || true
  perl -e 'use JSON::PP; my %seen; open my $j, "<", $ARGV[0]; while (<$j>) { my $r = eval { decode_json($_) } or next;
           $seen{$r->{frame}} = 1 if ($r->{type}//"") eq "packet" } open my $t, "<", $ARGV[1];
           while (<$t>) { my ($f) = split /,/; print if $seen{$f} }' "$tmp/j" "$tmp/t" > "$tmp/t2"
  perl "$here/agreement.pl" "$tmp/t2" "$tmp/j" "$name" "$exceptions" >> "$tmp/all"
done

grep '^diff ' "$tmp/all" | head -200
echo "tshark agreement over ${#captures[@]} captures (frames flagged by both / only tshark / only tcplens / excused):"
status=0
for f in "${flags[@]}"; do
  read -r both tonly lonly excused < <(awk -v f="$f" '$1=="flag" && $3==f {b+=$4; t+=$5; l+=$6; e+=$7} END {print b+0, t+0, l+0, e+0}' "$tmp/all")
  total=$((both + tonly + lonly + excused))
  if [ "$total" -eq 0 ]; then pct="n/a (neither flags any frame)"; else
    pct=$(awk -v a=$((both + excused)) -v t="$total" 'BEGIN {printf "%.2f%%", 100 * a / t}')
    awk -v a=$((both + excused)) -v t="$total" 'BEGIN {exit !(a / t < 0.99)}' && status=1
  fi
  [ $((tonly + lonly)) -gt 0 ] && status=1
  printf '  %-24s both %6d  tshark-only %4d  tcplens-only %4d  excused %4d  agreement %s\n' "$f" "$both" "$tonly" "$lonly" "$excused" "$pct"
done
[ $status -eq 0 ] && echo "tshark agreement: every flag >= 99%, every difference excused" || echo "tshark agreement: FAILED"
exit $status
