#!/usr/bin/env bash
# Bad input gets one clear line naming the file, exit code 2, and whatever
# was read before the damage is still printed.
# usage: input_errors.sh TCPLENS CAPTURES_DIR
set -u
tcplens=$(realpath "$1"); captures=$2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
failures=0; checks=0
good="$captures/loopback/http-keepalive-three-requests.pcap"

expect() {  # expect NAME WANT_RC STDERR_REGEX(- : stderr empty) STDOUT_LINES(- : any) CMD...
  local name=$1 want_rc=$2 pattern=$3 want_lines=$4; shift 4
  "$@" >"$tmp/out" 2>"$tmp/err"; local rc=$?
  local lines; lines=$(wc -l <"$tmp/out")
  checks=$((checks + 1))
  local err_ok=1
  if [ "$pattern" = "-" ]; then [ -s "$tmp/err" ] && err_ok=0; else grep -qE "$pattern" "$tmp/err" || err_ok=0; fi
  if [ "$rc" -ne "$want_rc" ] || [ "$err_ok" -eq 0 ] || { [ "$want_lines" != "-" ] && [ "$lines" -ne "$want_lines" ]; }; then
    failures=$((failures + 1))
    echo "FAIL $name: rc=$rc (want $want_rc), $lines stdout lines (want $want_lines), stderr:"; cat "$tmp/err"
  fi
}

expect missing 2 "^tcplens: $tmp/nope.pcap: no such file$" 0 "$tcplens" read "$tmp/nope.pcap"
expect directory 2 "is a directory" 0 "$tcplens" read "$tmp"
# A mistyped command is named with the nearest one, not read as a file...
expect mistyped-command 2 "^tcplens: unknown command 'reed' \(did you mean 'read'\?\)$" 0 env -C "$tmp" "$tcplens" reed x.pcap
expect mistyped-flows 2 "did you mean 'flows'" 0 env -C "$tmp" "$tcplens" flws
# ... unless a file of that name exists: then it is read, as before.
cp "$good" "$tmp/flws"
expect file-named-like-a-command 0 "flws: [0-9]+ packets" - env -C "$tmp" "$tcplens" flws
printf 'this is not a capture at all, just some text\n' >"$tmp/text.pcap"
expect not-a-capture 2 "text.pcap: not a pcap or pcapng capture" 0 "$tcplens" read "$tmp/text.pcap"
head -c 10 "$good" >"$tmp/short-header.pcap"
expect truncated-file-header 2 "short-header.pcap: .*truncated" 0 "$tcplens" read "$tmp/short-header.pcap"
size=$(stat -c %s "$good")
head -c $((size - 7)) "$good" >"$tmp/cut-record.pcap"
expect truncated-record 2 "cut-record.pcap: truncated dump file.*after 15 packets" 15 "$tcplens" read --plain "$tmp/cut-record.pcap"
head -c $((size - 80)) "$good" >"$tmp/cut-record-header.pcap"
expect truncated-record-header 2 "cut-record-header.pcap: truncated dump file" - "$tcplens" read --plain "$tmp/cut-record-header.pcap"
gzip -c "$good" >"$tmp/c.pcap.gz"
expect gzip 2 "c.pcap.gz: is gzip-compressed; decompress it first" 0 "$tcplens" read "$tmp/c.pcap.gz"
expect bad-filter 2 "bad filter expression 'tcp port banana'" 0 "$tcplens" read "$good" tcp port banana
expect filter-ok 0 - 16 "$tcplens" read --plain "$good" tcp port 8080
expect filter-summary 0 "16 packets" 32 "$tcplens" read "$good" tcp port 8080
expect filter-nothing 0 "0 packets" 0 "$tcplens" read "$good" udp
expect stdin 0 "16 TCP" 32 sh -c "\"$tcplens\" read - < \"$good\""
expect count 0 - 3 "$tcplens" read --plain -c 3 "$good"
expect no-file 2 "no capture file given" 0 "$tcplens" read
expect bad-option 2 "" 0 "$tcplens" read --no-such-option "$good"
printf '\xd4\xc3\xb2\xa1\x02\x00\x04\x00\x00\x00\x00\x00\x00\x00\x00\x00\xff\xff\x00\x00\xbd\x00\x00\x00' >"$tmp/usb.pcap"
expect unsupported-link 2 "usb.pcap: unsupported link type USB_LINUX" 0 "$tcplens" read "$tmp/usb.pcap"
mkfifo "$tmp/fifo.pcap"; (cat "$good" >"$tmp/fifo.pcap" &)
expect fifo 0 "16 TCP" 32 "$tcplens" read "$tmp/fifo.pcap"

# Colour: on request (or on a terminal), never in a pipe by default or with NO_COLOR.
"$tcplens" read --color=always "$good" 2>/dev/null | grep -q $'\x1b\[' ; r1=$?
"$tcplens" read "$good" 2>/dev/null | grep -q $'\x1b\[' ; r2=$?
script -qc "NO_COLOR=1 $tcplens read $good" /dev/null | grep -q $'\x1b\[' ; r3=$?
script -qc "$tcplens read $good" /dev/null | grep -q $'\x1b\[' ; r4=$?
checks=$((checks + 4))
[ $r1 -eq 0 ] || { failures=$((failures + 1)); echo "FAIL: --color=always has no escapes"; }
[ $r2 -ne 0 ] || { failures=$((failures + 1)); echo "FAIL: colour in a pipe"; }
[ $r3 -ne 0 ] || { failures=$((failures + 1)); echo "FAIL: colour despite NO_COLOR on a terminal"; }
[ $r4 -eq 0 ] || { failures=$((failures + 1)); echo "FAIL: no colour on a terminal"; }

# zstd is recognised by its magic and named.
printf '\x28\xb5\x2f\xfd\x00\x00\x00\x00' >"$tmp/c.pcap.zst"
expect zstd 2 "c.pcap.zst: is zstd-compressed; decompress it first" 0 "$tcplens" read "$tmp/c.pcap.zst"

# A closed stdout (| head -1) ends the run quietly: no message; exit 0, or
# 141 (SIGPIPE), as tcpdump and cat end.
big="$captures/netns/random-drops.pcap"
rc=$(bash -c "\"$tcplens\" read \"$big\" 2>\"$tmp/err\" | head -1 >/dev/null; echo \${PIPESTATUS[0]}")
checks=$((checks + 1))
if { [ "$rc" -ne 0 ] && [ "$rc" -ne 141 ]; } || [ -s "$tmp/err" ]; then
  failures=$((failures + 1)); echo "FAIL closed-stdout: rc=$rc"; cat "$tmp/err"
fi

# A full disk under follow -o is an error (exit 3, one line naming the file),
# not silent loss: a 16 KiB tmpfs (root only).
if [ "$(id -u)" -eq 0 ] && mkdir -p "$tmp/full" && mount -t tmpfs -o size=16k tmpfs "$tmp/full" 2>/dev/null; then
  expect full-disk-follow 3 "full/.*: No space left on device" 0 "$tcplens" follow "$big" -o "$tmp/full"
  umount "$tmp/full"
else
  echo "full-disk-follow: skipped (needs root to mount a small tmpfs)"
fi

# flows --format and -o: an unknown format is a usage error naming the
# known ones; -o writes what standard output would have had; an unwritable
# -o is one line and exit 3.
expect unknown-format 2 "format: xml not in [{]table,json,csv,zeek,zeek-json[}]" 0 "$tcplens" flows --format xml "$good"
expect zeek-format 0 "packets" 10 "$tcplens" flows --format zeek "$good"
SOURCE_DATE_EPOCH=0 "$tcplens" flows --format zeek "$good" >"$tmp/stdout.log" 2>/dev/null
expect output-file 0 "packets" 0 env SOURCE_DATE_EPOCH=0 "$tcplens" flows --format zeek -o "$tmp/conn.log" "$good"
checks=$((checks + 1))
cmp -s "$tmp/stdout.log" "$tmp/conn.log" || { failures=$((failures + 1)); echo "FAIL: -o differs from standard output"; }
expect unwritable-output 3 "^tcplens: $tmp/no/such/dir/conn.log: cannot write: No such file or directory$" 0 \
  "$tcplens" flows -o "$tmp/no/such/dir/conn.log" "$good"
echo "input errors: $checks checks, $failures failed"
[ "$failures" -eq 0 ]
