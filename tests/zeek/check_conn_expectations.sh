#!/usr/bin/env bash
# Compares tcplens flows --json with the hand-checked rows of
# conn_expectations.tsv. usage: check_conn_expectations.sh TCPLENS CAPTURES_DIR
set -u
tcplens=$1; captures=$2
here=$(cd "$(dirname "$0")" && pwd)
failures=0; rows=0
while IFS=$'\t' read -r capture stream conn_state history handshake close closer time_wait orig_state resp_state _why; do
  case "$capture" in ''|'#'*) continue ;; esac
  rows=$((rows + 1))
  actual=$("$tcplens" flows --json "$captures/$capture" 2>/dev/null | perl -ne '
    next unless /"stream":'"$stream"',/;
    my %f; while (/"([a-z_.]+)":("([^"]*)"|null|[0-9.]+|true|false)/g) { $f{$1} = defined $3 ? $3 : $2 }
    print join("\t", @f{qw(conn_state history handshake close active_closer time_wait orig_state resp_state)}), "\n";')
  want=$(printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s' "$conn_state" "$history" "$handshake" "$close" "$closer" "$time_wait" "$orig_state" "$resp_state")
  if [ "$actual" != "$want" ]; then
    failures=$((failures + 1))
    echo "MISMATCH $capture stream $stream"; echo "  want: $want"; echo "  got:  $actual"
  fi
done < "$here/conn_expectations.tsv"
echo "conn expectations: $rows connections checked, $failures mismatches"
[ "$failures" -eq 0 ] && [ "$rows" -gt 0 ]
