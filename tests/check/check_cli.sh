#!/usr/bin/env bash
# tcplens check end to end: passing and failing specs, the --expect form of
# the issue, errors with line numbers, JUnit validity, golden diffs.
# usage: check_cli.sh TCPLENS PROJECT_DIR
set -u
tcplens=$1; project=$2
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
failures=0; checks=0
ok() { checks=$((checks + 1)); if ! "$@"; then failures=$((failures + 1)); echo "FAIL: $*"; fi; }
run() { "$tcplens" "$@" >"$tmp/out" 2>"$tmp/err"; echo $? >"$tmp/rc"; }
rc_is() { [ "$(cat "$tmp/rc")" -eq "$1" ] || { echo "rc $(cat "$tmp/rc"), wanted $1"; cat "$tmp/out" "$tmp/err"; return 1; }; }
out_has() { grep -qE -- "$1" "$tmp/out" "$tmp/err" || { echo "no '$1' in:"; cat "$tmp/out" "$tmp/err"; return 1; }; }
cd "$project"

# The scenario library passes.
run check captures/checks/scenarios.toml
ok rc_is 0; ok out_has '^check: [0-9]+ passed, 0 failed$'

# The issue's --expect, as written.
run check captures/loopback/http-connection-close.pcap --expect 'stream 0: handshake=complete close=fin active_closer=server time_wait=server conn_state=SF retransmissions<=0'
ok rc_is 0; ok out_has '^check: 6 passed, 0 failed$'
run check captures/synthetic/connections/seeds-keepalive-timeout.pcap --expect 'stream 0: time_wait=client' --expect 'connections=1' --expect 'all: client_bytes>=412 server_state=TIME_WAIT'
ok rc_is 1; ok out_has 'FAIL .*time_wait=client -- found time_wait=server \(resp\) \(first frame 1, first FIN frame 9\)'
ok out_has '^check: 3 passed, 1 failed$'

# A spec edited to a wrong expectation fails and points at frames and the line.
sed 's/active_closer = "server"/active_closer = "client"/' captures/checks/scenarios.toml >"$tmp/wrong.toml"
sed -i 's|"\.\./|"'"$project"'/captures/|' "$tmp/wrong.toml"
run check "$tmp/wrong.toml" --junit "$tmp/report.xml"
ok rc_is 1; ok out_has 'FAIL .*active_closer=client -- found active_closer=server \(resp\) \(first frame 1, first FIN frame [0-9]+\) \(spec line [0-9]+\)'
ok xmllint --noout --schema "$here/junit.xsd" "$tmp/report.xml"
ok grep -q '<failure message=' "$tmp/report.xml"

# Unknown keys and bad values: exit 2, the spec's name and line.
printf '[[capture]]\nfile = "x.pcap"\n[[capture.expect]]\nstream = 0\nclosed_by = "server"\n' >"$tmp/unknown.toml"
run check "$tmp/unknown.toml"
ok rc_is 2; ok out_has "unknown.toml:5: unknown key 'closed_by'"
printf '[[capture]]\nfile = "x.pcap"\n[[capture.expect]]\nstream = 0\nhandshake = "done"\n' >"$tmp/badvalue.toml"
run check "$tmp/badvalue.toml"
ok rc_is 2; ok out_has "badvalue.toml:5: 'handshake' cannot be 'done'"
printf '[[capture]]\nfile = "x.pcap"\nconnections = "many"\n' >"$tmp/badnumber.toml"
run check "$tmp/badnumber.toml"
ok rc_is 2; ok out_has "badnumber.toml:3: 'connections' needs a number"
printf '[[capture]\n' >"$tmp/syntax.toml"
run check "$tmp/syntax.toml"
ok rc_is 2; ok out_has 'syntax.toml:1:'
run check captures/loopback/refused.pcap --expect 'stream 0 handshake=refused'
ok rc_is 2; ok out_has "is not KEY=VALUE"
run check captures/loopback/refused.pcap --expect 'stream 0: retransmissions=lots'
ok rc_is 2; ok out_has "'retransmissions' needs a number"

# A capture that cannot be read is an input error (2), not a failed check.
run check "$tmp/nope.pcap" --expect 'connections=1'
ok rc_is 2; ok out_has 'nope.pcap: no such file'

# Golden mode: same records pass; a changed golden shows a diff and exits 1.
cp -r captures/checks/golden "$tmp/golden"
run check --golden "$tmp/golden" captures/loopback/refused.pcap
ok rc_is 0
sed -i 's/"REJ"/"S0"/' "$tmp/golden/refused.pcap.flows.ndjson"
run check --golden "$tmp/golden" captures/loopback/refused.pcap
ok rc_is 1; ok out_has '^  - .*"conn_state":"S0"'; ok out_has '^  \+ .*"conn_state":"REJ"'
run check --golden "$tmp/empty" captures/loopback/refused.pcap
ok rc_is 1; ok out_has 'no golden file'

echo "check command: $checks checks, $failures failed"
[ "$failures" -eq 0 ]
