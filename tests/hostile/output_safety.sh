#!/usr/bin/env bash
# Hostile bytes must not reach the operator (tests/hostile/generate_output_attacks.cpp
# writes the captures). Every command and format runs on them, also under a
# file name full of escapes, and fails the test if:
#   - a raw control byte (anything below 0x20 but \n and \t, DEL, C1 in UTF-8,
#     a bidi override) reaches stdout or stderr; follow text may keep CR only
#     in CRLF
#   - a JSON line does not parse, or a JUnit report is not well-formed XML
# Then the regressions of the same issue: follow -o holes and --max-output,
# symlinks in -o DIR, write errors (exit 3, one line), a far-future frame,
# tcpdump's [Error converting time], and option values out of range (exit 2).
#
# usage: output_safety.sh TCPLENS GENERATOR
set -u
tcplens=$1; generator=$2
export TZ=UTC LC_ALL=C
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
"$generator" "$tmp" || { echo "FAIL: generator"; exit 1; }
checks=0; failed=0
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }
check() { checks=$((checks + 1)); }

# raw_controls FILE [crlf]: prints the first offending byte's offset, if any.
raw_controls() {
  perl -e '
    local $/; open(my $f, "<:raw", $ARGV[0]) or die; my $s = <$f>;
    my $crlf = $ARGV[1] // "";
    $s =~ s/\r\n/\n/g if $crlf;
    if ($s =~ /([\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9])/) {
      printf "byte 0x%02x at offset %d\n", ord($1), $-[0]; exit 1 }' "$@"
}
json_lines_parse() {
  node -e '
    const lines = require("fs").readFileSync(process.argv[1], "latin1").split("\n").filter(l => l.length);
    const buf = require("fs").readFileSync(process.argv[1]);
    new TextDecoder("utf-8", {fatal: true}).decode(buf);  // throws on invalid UTF-8
    const text = buf.toString("utf8").split("\n").filter(l => l.length);
    for (const l of text) JSON.parse(l);
    if (text.length === 0) throw new Error("no JSON lines");' "$1"
}

# The hostile file name: OSC 52, a title, a screen clear, CR, a bidi override, <&>.
evil=$'evil\e]52;c;eA==\a\e]0;t\a\e[2J\r\xe2\x80\xae<&>\'".pcap'
cp "$tmp/http-controls.pcap" "$tmp/$evil"

# run NAME CMD...: runs tcplens, keeps stdout/stderr, checks no raw control byte in either.
run() {
  local name=$1; shift
  "$tcplens" "$@" >"$tmp/out" 2>"$tmp/err"; rc=$?
  local crlf=""; [ "$name" = "follow-text" ] && crlf=1
  # --color: tcplens's own SGR sequences (ESC [ digits m) are the only escapes allowed.
  case "$name" in *--color*) perl -pi -e 's/\e\[[0-9;]*m//g' "$tmp/out";; esac
  check; raw_controls "$tmp/out" $crlf >"$tmp/why" || fail "$name: raw control in stdout: $(cat "$tmp/why")"
  check; raw_controls "$tmp/err" >"$tmp/why" || fail "$name: raw control in stderr: $(cat "$tmp/why")"
}

for cap in "$tmp/http-controls.pcap" "$tmp/$evil" "$tmp/gap-2gib.pcap" "$tmp/far-future.pcap"; do
  for args in "read" "read --json" "read --plain" "read --color always" "read -tttt" \
              "timeline" "timeline --json" "flows" "flows --json" "follow --format hex"; do
    # shellcheck disable=SC2086
    run "$args" $args "$cap"
    case "$args" in *--json*) check; json_lines_parse "$tmp/out" 2>"$tmp/why" || fail "$args: JSON: $(head -c 300 "$tmp/why")";; esac
  done
  run follow-text follow "$cap"
  run check check --expect 'stream 0: conn_state=SF' --expect 'all: missed_bytes=0' --junit "$tmp/report.xml" "$cap"
  check; xmllint --noout "$tmp/report.xml" 2>"$tmp/why" || fail "JUnit XML not well-formed: $(head -c 300 "$tmp/why")"
  check; raw_controls "$tmp/report.xml" >"$tmp/why" || fail "JUnit XML: raw control: $(cat "$tmp/why")"
done
# The escapes are shown, not dropped: the target is there, escaped.
"$tcplens" read "$tmp/http-controls.pcap" >"$tmp/out" 2>/dev/null
check; grep -qF 'HTTP request #1: GET /\x1b]52;c;cm0gLXJmIH4=\x07\x1b]0;owned\x07\x1b[2J' "$tmp/out" || fail "escaped target not shown"
check; grep -qF 'range bytes=0-\x1b]52' "$tmp/out" || fail "escaped Range not shown"
check; grep -qF 'HTTP response #1: 206 Partial\x1b]52' "$tmp/out" || fail "escaped reason not shown"
"$tcplens" read --json "$tmp/http-controls.pcap" >"$tmp/out" 2>/dev/null
check; grep -qF '"target":"/\u001b]52;c;cm0gLXJmIH4=\u0007' "$tmp/out" || fail "JSON target not \\u-escaped"
check; grep -qF '\u202etxt.exe\\xff\\xfe\\xc0\\xaf<&>\"' "$tmp/out" || fail "JSON: bidi/invalid bytes not escaped as expected"
# follow: a lone CR is '.', CRLF stays.
"$tcplens" follow "$tmp/http-controls.pcap" >"$tmp/out" 2>/dev/null
check; grep -qF 'visible.HIDDEN' "$tmp/out" || fail "follow text: lone CR not shown as '.'"

# follow --format raw on a terminal (script gives it one): refused, exit 2.
script -qec "'$tcplens' follow --format raw '$tmp/http-controls.pcap'" /dev/null >"$tmp/out" 2>&1; rc=$?
check; [ "$rc" -eq 2 ] && grep -q 'refusing to write a stream' "$tmp/out" && ! grep -q 'owned' "$tmp/out" ||
  fail "follow --format raw to a terminal: exit $rc: $(head -c 200 "$tmp/out" | cat -v)"
"$tcplens" follow --format raw "$tmp/http-controls.pcap" >"$tmp/out" 2>/dev/null
check; grep -q 'owned' "$tmp/out" || fail "follow --format raw to a file: the raw bytes are missing"

# follow -o: a 2 GB gap is a hole, not 2 GB of zeros on disk; --max-output caps the files.
"$tcplens" follow "$tmp/gap-2gib.pcap" -o "$tmp/flows" >/dev/null 2>"$tmp/err"; rc=$?
f="$tmp/flows/010.000.000.001.40000-010.000.000.002.00080"
check; [ "$rc" -eq 0 ] || fail "follow -o gap: exit $rc: $(cat "$tmp/err")"
check; [ "$(stat -c %s "$f" 2>/dev/null)" = "2000000020" ] || fail "follow -o gap: size $(stat -c %s "$f" 2>/dev/null), not 2000000020"
check; [ "$(du -k "$f" | cut -f1)" -le 64 ] || fail "follow -o gap: $(du -k "$f" | cut -f1) KB on disk: zeros written, not a hole"
check; grep -q '2000000000 bytes never captured left as holes' "$tmp/err" || fail "follow -o gap: holes not reported"
check; [ "$(tail -c 10 "$f")" = "abcdefghij" ] || fail "follow -o gap: the data after the hole is wrong"
"$tcplens" follow "$tmp/gap-2gib.pcap" -o "$tmp/capped" --max-output 1000000 >/dev/null 2>"$tmp/err"; rc=$?
check; [ "$rc" -eq 3 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -q -- '--max-output 1000000 bytes reached' "$tmp/err" ||
  fail "follow --max-output: exit $rc: $(cat "$tmp/err")"
# A symbolic link planted in -o DIR is not written through.
mkdir -p "$tmp/planted"; echo keep >"$tmp/target"
ln -s "$tmp/target" "$tmp/planted/010.000.000.001.40000-010.000.000.002.00080"
"$tcplens" follow "$tmp/http-controls.pcap" -o "$tmp/planted" >/dev/null 2>"$tmp/err"; rc=$?
check; [ "$rc" -eq 3 ] && grep -q 'is a symbolic link' "$tmp/err" && [ "$(cat "$tmp/target")" = keep ] ||
  fail "follow -o through a symlink: exit $rc, target now '$(head -c 20 "$tmp/target")': $(cat "$tmp/err")"

# Write errors: one line, exit 3, for every command that writes stdout.
for args in "read" "read --json" "flows" "flows --json" "timeline" "follow" "check --expect conn_state=SF"; do
  # shellcheck disable=SC2086
  "$tcplens" $args "$tmp/http-controls.pcap" >/dev/full 2>"$tmp/err"; rc=$?
  check; [ "$rc" -eq 3 ] && grep -q '^tcplens: standard output: write failed: No space left on device' "$tmp/err" ||
    fail "$args > /dev/full: exit $rc: $(cat "$tmp/err")"
done

# One frame stamped 2038 in a 10-second connection: nothing is closed out or
# re-created mid-stream, the check holds, and the summary counts the outlier.
"$tcplens" flows --json "$tmp/far-future.pcap" >"$tmp/out" 2>"$tmp/err"
check; [ "$(wc -l <"$tmp/out")" -eq 1 ] && grep -q '"conn_state":"SF"' "$tmp/out" ||
  fail "far-future: $(wc -l <"$tmp/out") records: $(head -c 300 "$tmp/out")"
check; grep -q '1 timestamp far ahead of the rest ignored by the clock' "$tmp/err" || fail "far-future: outlier not counted: $(cat "$tmp/err")"
"$tcplens" read "$tmp/far-future.pcap" >"$tmp/out" 2>&1
check; ! grep -q 'closed out' "$tmp/out" || fail "far-future: read closes a connection out"
"$tcplens" flows --threads 2 --json "$tmp/far-future.pcap" >"$tmp/out2" 2>/dev/null
"$tcplens" flows --json "$tmp/far-future.pcap" >"$tmp/out" 2>/dev/null
check; cmp -s "$tmp/out" "$tmp/out2" || fail "far-future: --threads 2 differs from one table"
"$tcplens" check --expect 'stream 0: conn_state=SF close=fin' "$tmp/far-future.pcap" >"$tmp/out" 2>&1
check; grep -q '^check: 2 passed, 0 failed' "$tmp/out" || fail "far-future: check: $(cat "$tmp/out")"

# Seconds with bit 31 set: tcpdump's [Error converting time], byte for byte.
for t in "" -tt -tttt; do
  # shellcheck disable=SC2086
  tcpdump -n $t -r "$tmp/time-bit31.pcap" 2>/dev/null >"$tmp/want"
  # shellcheck disable=SC2086
  "$tcplens" read --plain $t "$tmp/time-bit31.pcap" 2>/dev/null >"$tmp/got"
  check; grep -q 'Error converting time' "$tmp/want" && cmp -s "$tmp/want" "$tmp/got" ||
    fail "bit-31 times ($t): $(diff "$tmp/want" "$tmp/got" | head -4)"
done

# Option values out of range: a usage error naming the option (exit 2), never a wrap or an abort.
usage() {
  "$tcplens" "$@" >"$tmp/out" 2>"$tmp/err"; rc=$?
  check; [ "$rc" -eq 2 ] && [ -s "$tmp/err" ] || fail "tcplens $*: exit $rc (want 2): $(head -2 "$tmp/err")"
}
cap=$tmp/http-controls.pcap
usage check --expect 'stream 99999999999999999999999: conn_state=SF' "$cap"
usage check --expect 'stream -1: conn_state=SF' "$cap"
usage check --expect 'port 70000: conn_state=SF' "$cap"
usage follow --stream -1 "$cap"
usage follow --stream 99999999999999999999999 "$cap"
usage flows --idle-timeout nan "$cap"
usage flows --idle-timeout inf "$cap"
usage flows --time-wait -1 "$cap"
usage read -c -5 "$cap"
usage read -c 0 "$cap"
usage flows --max-connections -1 "$cap"
usage live -s -5 -i lo
usage live -s 262145 -i lo
usage live -B 3000000 -i lo
usage live --duration nan -i lo
usage flows --threads 65 "$cap"

echo "output safety: $checks checks, $failed failed"
[ "$failed" -eq 0 ]
