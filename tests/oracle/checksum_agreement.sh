#!/usr/bin/env bash
# Oracle for the TCP checksum verifier behind capture_host: every frame whose
# checksum tcplens verifies (tests/oracle/tcp_checksum_states) is held
# against tshark's tcp.checksum.status (-o tcp.check_checksum:TRUE) on every
# capture given. correct must be tshark's Good (1); pseudo_header_only and
# incorrect its Bad (0). Frames tshark verifies and tcplens does not
# (reassembled fragments, truncated tunnels) are counted, not compared.
# Fails on any disagreement that EXCEPTIONS does not list (capture, exact
# count of differing frames, reason), or when fewer than MIN frames were
# compared or no frame of each state was seen (a comparison that cannot fail).
#
# usage: checksum_agreement.sh STATES_TOOL EXCEPTIONS MIN CAPTURE_OR_DIR...
set -u
tool=$1; exceptions=$2; min=$3; shift 3
export TZ=UTC LC_ALL=C
# shellcheck source=../lib/captures.sh
. "$(dirname "$0")/../lib/captures.sh"
require_oracle tshark
list_captures "$@"

tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
: > "$tmp/all"
for cap in "${captures[@]}"; do
  case $cap in
    */corpus/*) name=${cap##*/corpus/} ;;
    */captures/*) name=captures/${cap##*/captures/} ;;
    *) name=$cap ;;
  esac
  # The innermost TCP header's status (-E occurrence=l): tunnels carry one.
  echo "$name" >> "$tmp/names"
  # Reassembly and sequence analysis off: only the header sum is wanted.
  tshark -o tcp.check_checksum:TRUE -o tcp.desegment_tcp_streams:FALSE -o tcp.analyze_sequence_numbers:FALSE \
    -o tcp.calculate_timestamps:FALSE -r "$cap" -Y 'tcp && !icmp && !icmpv6' -T fields -E occurrence=l \
    -e frame.number -e tcp.checksum.status > "$tmp/t" 2>/dev/null
  "$tool" "$cap" > "$tmp/m" 2>/dev/null
  awk -v name="$name" '
    NR == FNR { if ($2 != "") shark[$1] = $2; next }
    { mine[$1] = $2 }
    END {
      for (f in mine) {
        want = mine[f] == "correct" ? "1" : "0"
        if (!(f in shark)) { print "diff", name, f, mine[f], "tshark: not TCP"; continue }
        if (shark[f] != want) print "diff", name, f, mine[f], "tshark:", shark[f]
        else print "same", mine[f]
      }
      for (f in shark) if ((shark[f] == "0" || shark[f] == "1") && !(f in mine)) print "unverified", name, f
    }' "$tmp/t" "$tmp/m" >> "$tmp/all"
done

# Differences in a listed capture are excused when their count is exactly
# the listed one.
awk '$1 == "diff" {print $2}' "$tmp/all" | sort | uniq -c > "$tmp/counts"
excused=0
while read -r n cap; do
  listed=$(awk -v c="$cap" '$1 == c {print $2}' "$exceptions")
  if [ "$listed" = "$n" ]; then
    excused=$((excused + n)); sed -i "/^diff ${cap//\//\\/} /d" "$tmp/all"
  fi
done < "$tmp/counts"
while read -r cap n _; do
  case $cap in ''|'#'*) continue ;; esac
  grep -qxF "$cap" "$tmp/names" || continue  # not among the captures given
  got=$(awk -v c="$cap" '$2 == c {print $1}' "$tmp/counts")
  [ "${got:-0}" = "$n" ] || echo "listed exception $cap: $n frames listed, ${got:-0} differ"
done < "$exceptions" | tee "$tmp/stale"
grep '^diff ' "$tmp/all" | sort | head -50
same=$(grep -c '^same ' "$tmp/all")
diffs=$(grep -c '^diff ' "$tmp/all")
unverified=$(grep -c '^unverified ' "$tmp/all")
for s in correct pseudo_header_only incorrect; do
  printf '%-20s %d frames agree\n' "$s" "$(grep -c "^same $s\$" "$tmp/all")"
done
echo "compared $((same + diffs + excused)) frames: $same agree, $diffs differ, $excused excused; $unverified frames tshark verifies and tcplens does not"
status=0
[ "$diffs" -eq 0 ] || status=1
[ -s "$tmp/stale" ] && status=1
[ "$((same + diffs))" -ge "$min" ] || { echo "fewer than $min frames compared"; status=1; }
for s in correct pseudo_header_only incorrect; do
  grep -q "^same $s\$" "$tmp/all" || { echo "no frame agreed as $s"; status=1; }
done
exit $status
