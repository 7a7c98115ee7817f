#!/usr/bin/env bash
# Agreement test: tcplens' segment verdicts against tshark's tcp.analysis.*
# flags, frame by frame, on every capture given (files, or directories whose
# capture files are found by magic number). tshark is only the oracle here;
# tcplens never runs it.
#
# Every frame tshark dissects as TCP (not TCP quoted in ICMP) is compared.
# Frames tcplens does not analyse at all count against it, unless UNSEEN lists
# the capture with exactly that number of frames and the reason. Per flag it
# prints: frames both flag, frames only tshark flags, frames only tcplens
# flags, differences excused (EXCEPTIONS or UNSEEN), and F1 = 2*both /
# (2*both + tshark-only + tcplens-only), excused frames counted as agreeing.
# Fails when a flag's F1 is under 0.99, a difference is unexcused, a
# capture's unseen frames differ from the list, tcplens fails on a capture
# that is not listed, or no frame is flagged by both at all.
#
# usage: tshark_agreement.sh TCPLENS EXCEPTIONS UNSEEN CAPTURE_OR_DIR...
set -u
tcplens=$1; exceptions=$2; unseen=$3; shift 3
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
: > "$tmp/all"; failures=0
for cap in "${captures[@]}"; do
  # Named as in the lists: the path under the shared corpus, or captures/...
  case $cap in
    */corpus/*) name=${cap##*/corpus/} ;;
    */captures/*) name=captures/${cap##*/captures/} ;;
    *) name=$cap ;;
  esac
  if ! tshark -r "$cap" -Y 'tcp && !icmp && !icmpv6' -T fields -E occurrence=f -E separator=, "${fields[@]}" > "$tmp/t" 2>"$tmp/terr"; then
    # tshark reads every corpus file; one it cannot read is worth knowing
    echo "tshark could not read $name: $(head -1 "$tmp/terr")"; : > "$tmp/t"
  fi
  # Wireshark never times a conversation out; tcplens closes out one idle
  # for --idle-timeout (300 s by capture time), so the comparison turns that
  # off (some corpus files join snippets taken days apart).
  "$tcplens" read --json --idle-timeout 0 "$cap" > "$tmp/j" 2>"$tmp/err"
  rc=$?
  if [ $rc -ne 0 ] && ! awk -v n="$name" '$1 == n {found = 1} END {exit !found}' "$unseen"; then
    echo "tcplens failed on $name (exit $rc): $(head -1 "$tmp/err")"; failures=$((failures + 1))
  fi
  perl "$here/agreement.pl" "$tmp/t" "$tmp/j" "$name" "$exceptions" "$unseen" >> "$tmp/all"
done

status=0
[ "$failures" -eq 0 ] || status=1
grep '^diff ' "$tmp/all" | head -200
# Frames tshark analyses that tcplens does not: each capture must match its line in UNSEEN.
while read -r _ name tframes lframes unseen_n listed; do
  [ "$unseen_n" -eq "$listed" ] && continue
  echo "unseen frames differ: $name: tshark analyses $tframes TCP frames, tcplens $lframes; $unseen_n unseen, $listed listed"
  status=1
done < <(grep '^seen ' "$tmp/all")
awk '$1=="seen" {t+=$3; l+=$4; u+=$5} END {printf "frames: tshark analyses %d, tcplens %d, unseen by tcplens %d (listed with reasons)\n", t, l, u}' "$tmp/all"
echo "tshark agreement over ${#captures[@]} captures (frames flagged by both / only tshark / only tcplens / excused):"
flagged_by_both=0
for f in "${flags[@]}"; do
  read -r both tonly lonly excused < <(awk -v f="$f" '$1=="flag" && $3==f {b+=$4; t+=$5; l+=$6; e+=$7} END {print b+0, t+0, l+0, e+0}' "$tmp/all")
  flagged_by_both=$((flagged_by_both + both))
  agree=$((both + excused)); total=$((2 * agree + tonly + lonly))
  if [ "$total" -eq 0 ]; then f1="n/a (neither flags any frame)"; else
    f1=$(awk -v a=$agree -v t="$total" 'BEGIN {printf "%.4f", 2 * a / t}')
    awk -v a=$agree -v t="$total" 'BEGIN {exit !(2 * a / t < 0.99)}' && status=1
  fi
  [ $((tonly + lonly)) -gt 0 ] && status=1
  printf '  %-24s both %6d  tshark-only %4d  tcplens-only %4d  excused %4d  F1 %s\n' "$f" "$both" "$tonly" "$lonly" "$excused" "$f1"
done
if [ "$flagged_by_both" -eq 0 ]; then echo "no frame is flagged by both: tcplens printed no verdicts"; status=1; fi
[ $status -eq 0 ] && echo "tshark agreement: every flag F1 >= 0.99, every difference excused" || echo "tshark agreement: FAILED"
exit $status
