#!/usr/bin/env python3
"""UDP flows against tshark, conversation by conversation.

usage: udp_flows.py TCPLENS CAPTURE...
       udp_flows.py --list CAPTURE...   (prints those in which tshark sees UDP)

For each capture, tshark's view (`-T fields` over `udp && !icmp && !icmpv6`,
so the UDP headers quoted in ICMP errors are left out) is grouped by
address/port pair in the order the pairs first appear: the first frame's
sender is A; frames, payload bytes (UDP length minus 8) and IP bytes
(ip.len, or ipv6.plen + 40) per direction. (Not by udp.stream: tshark's
dissectors split one pair into several conversations when they make their
own, as HART-IP, SNMP and RTP do; `-z conv,udp` then lists the pair twice.)
tshark's `-z conv,udp` must list the same address pairs. tcplens's
`flows --format csv` UDP rows must be the same flows in the same order,
with A as the originator (B when the history starts with '^': Zeek's flip
of a datagram sent from a likely server port), and equal counts.

Skipped, and named: captures where a frame has more than one IP or UDP
header (a tunnel: tcplens lists the innermost flows only) or an IP
fragment (tshark counts the reassembled datagram on its last fragment's
frame), and those tcplens cannot read (libpcap: pcapng with several link
types). A datagram 60 s or more after the last of its pair starts a new
flow on both sides of the comparison (Zeek's udp_inactivity_timeout;
tshark's udp.stream never splits). Exit 1 on any difference, or when no
UDP flow was compared.
"""
import concurrent.futures
import csv
import io
import os
import subprocess
import sys

INACTIVITY = 60.0  # Zeek's udp_inactivity_timeout: a datagram this long after the last starts a new flow

FIELDS = ["frame.number", "frame.time_epoch", "udp.stream", "ip.src", "ipv6.src", "udp.srcport", "ip.dst", "ipv6.dst", "udp.dstport",
          "udp.length", "ip.len", "ipv6.plen", "ip.flags.mf", "ip.frag_offset", "ipv6.fragment"]


def run_tshark(capture):
    """tshark's UDP frames (field lines) and its `-z conv,udp` table, in one run."""
    args = ["tshark", "-n", "-r", capture, "-Y", "udp && !icmp && !icmpv6", "-T", "fields", "-E", "separator=\t",
            "-E", "occurrence=a", "-z", "conv,udp"]
    out = subprocess.run(args + sum([["-e", f] for f in FIELDS], []), capture_output=True, text=True).stdout
    frames, conv = [], []
    for line in out.splitlines():
        if "<->" in line:
            conv.append(line)
        elif line[:1].isdigit() and "\t" in line:
            frames.append(line)
    return frames, conv


def tshark_flows(frames):
    flows, latest = [], {}  # in the order they began; the latest flow of each pair
    for line in frames:
        v = dict(zip(FIELDS, line.split("\t")))
        if "," in v["udp.stream"] or "," in v["ip.src"] or "," in v["ipv6.src"] or (v["ip.src"] and v["ipv6.src"]):
            return None, "several IP or UDP headers in one frame (a tunnel)"
        if v["ip.flags.mf"] in ("1", "True") or v["ip.frag_offset"] not in ("", "0") or v["ipv6.fragment"]:
            return None, "IP fragments"
        src = v["ip.src"] or v["ipv6.src"]
        dst = v["ip.dst"] or v["ipv6.dst"]
        ip_bytes = int(v["ip.len"]) if v["ip.len"] else int(v["ipv6.plen"]) + 40
        payload = max(int(v["udp.length"]) - 8, 0)
        a, b = (src, v["udp.srcport"]), (dst, v["udp.dstport"])
        pair = (min(a, b), max(a, b))
        t = float(v["frame.time_epoch"])
        if pair not in latest or t - flows[latest[pair]]["last"] >= INACTIVITY:
            latest[pair] = len(flows)
            flows.append({"a": a, "b": b, "pkts": [0, 0], "bytes": [0, 0], "ip": [0, 0], "last": t})
        f = flows[latest[pair]]
        f["last"] = t
        side = 0 if a == f["a"] else 1
        f["pkts"][side] += 1
        f["bytes"][side] += payload
        f["ip"][side] += ip_bytes
    return flows, None


def conv_pairs(conv):
    """The address pairs `-z conv,udp` lists (A and B unordered)."""
    pairs = set()
    for line in conv:
        ends = []
        for end in (line.split("<->")[0].strip(), line.split("<->")[1].split()[0]):
            host, port = end.rsplit(":", 1)
            ends.append((host, port))
        pairs.add((min(ends), max(ends)))
    return pairs


def tcplens_flows(tcplens, capture):
    run = subprocess.run([tcplens, "flows", "--format", "csv", capture], capture_output=True, text=True)
    if run.returncode != 0:
        return None, (run.stderr.splitlines() or ["no message"])[0]
    return [r for r in csv.DictReader(io.StringIO(run.stdout)) if r["proto"] == "udp"], None


def compare(tcplens, capture):
    """(verdict, lines, flows): verdict is ok, skip or fail."""
    frames, conv = run_tshark(capture)
    expected, why = tshark_flows(frames)
    if expected is None:
        return "skip", [f"skip {capture}: {why}"], 0
    ours, error = tcplens_flows(tcplens, capture)
    if ours is None:
        return "skip", [f"skip {capture}: tcplens cannot read it ({error})"], 0
    problems = []
    pairs = {(min(t["a"], t["b"]), max(t["a"], t["b"])) for t in expected}  # a split pair is one conversation
    if conv_pairs(conv) != pairs:
        problems.append(f"conv,udp lists {len(conv_pairs(conv))} address pairs, the frames {len(pairs)}")
    if len(ours) != len(expected):
        problems.append(f"tcplens lists {len(ours)} UDP flows, tshark {len(expected)}")
    for n, (t, r) in enumerate(zip(expected, ours)):
        flipped = r["history"].startswith("^")
        orig, resp, o, s = (t["b"], t["a"], 1, 0) if flipped else (t["a"], t["b"], 0, 1)
        want = {"id.orig_h": orig[0], "id.orig_p": orig[1], "id.resp_h": resp[0], "id.resp_p": resp[1],
                "orig_pkts": t["pkts"][o], "resp_pkts": t["pkts"][s], "orig_bytes": t["bytes"][o],
                "resp_bytes": t["bytes"][s], "orig_ip_bytes": t["ip"][o], "resp_ip_bytes": t["ip"][s]}
        for k, v in want.items():
            if str(v) != r[k]:
                problems.append(f"flow {n} ({orig[0]}:{orig[1]} > {resp[0]}:{resp[1]}) {k}: tshark {v}, tcplens {r[k]}")
    if problems:
        return "fail", [f"FAIL {capture}:"] + [f"  {p}" for p in problems[:10]], 0
    return "ok", [], len(expected)


def main():
    if sys.argv[1] == "--list":
        for capture in sys.argv[2:]:
            if run_tshark(capture)[0]:
                print(capture)
        return 0
    tcplens, captures = sys.argv[1], sys.argv[2:]
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        results = list(pool.map(lambda c: compare(tcplens, c), captures))
    compared = sum(1 for v, _, n in results if v == "ok" and n > 0)
    flows = sum(n for _, _, n in results)
    failures = sum(1 for v, _, _ in results if v == "fail")
    for _, lines, _ in results:
        for line in lines:
            print(line)
    print(f"udp: {compared} captures, {flows} UDP flows equal to tshark's, {failures} captures differ")
    return 0 if failures == 0 and flows > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
