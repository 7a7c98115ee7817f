#!/usr/bin/env python3
"""The flow formats load where users load them, and say the same thing.

    load_formats.py TCPLENS CAPTURE...

For each capture: `flows --format zeek` is read the way zeek-cut and
DuckDB's read_csv read a Zeek log (tab-separated, #fields/#types header,
'-' unset, '(empty)' empty), `--format csv` with Python's csv module
(RFC 4180), `--format zeek-json` and `--json` as NDJSON. Every row must
have every column, every value must parse as its #types type says, and
the four formats must agree with each other field by field.
"""
import csv
import io
import json
import subprocess
import sys


def run(tcplens, fmt, capture):
    out = subprocess.run([tcplens, "flows", "--format", fmt, capture], check=True,
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout
    return out.decode("utf-8")


def parse_zeek_value(text, zeek_type):
    if text == "-":
        return None
    if zeek_type in ("count", "port"):
        return int(text)
    if zeek_type in ("time", "interval", "double"):
        return float(text)
    if zeek_type == "bool":
        if text not in ("T", "F"):
            raise ValueError(f"bool {text!r}")
        return text == "T"
    if zeek_type.startswith("set["):
        return [] if text == "(empty)" else text.split(",")
    return "" if text == "(empty)" else text


def load_zeek(text):
    lines = text.splitlines()
    header = {}
    rows = []
    for line in lines:
        if line.startswith("#"):
            key, _, value = line[1:].partition("\t")
            if key.startswith("separator"):
                assert line == "#separator \\x09", line
                continue
            header[key] = value.split("\t")
            continue
        assert "fields" in header and "types" in header, "rows before #fields/#types"
        cells = line.split("\t")
        assert len(cells) == len(header["fields"]), f"{len(cells)} cells, {len(header['fields'])} fields"
        rows.append({f: parse_zeek_value(c, t) for f, t, c in zip(header["fields"], header["types"], cells)})
    assert lines[0] == "#separator \\x09" and lines[-1].startswith("#close\t"), "Zeek's first and last lines"
    assert header["path"] == ["conn"] and header["set_separator"] == [","], "Zeek's header"
    assert header["fields"][:22] == ("ts uid id.orig_h id.orig_p id.resp_h id.resp_p proto service duration "
                                     "orig_bytes resp_bytes conn_state local_orig local_resp missed_bytes history "
                                     "orig_pkts orig_ip_bytes resp_pkts resp_ip_bytes tunnel_parents ip_proto").split()
    return rows


def same(a, b):
    if isinstance(a, float) or isinstance(b, float):
        return a is not None and b is not None and abs(float(a) - float(b)) < 1e-6 * max(1.0, abs(float(a)))
    return a == b


def main():
    tcplens, captures = sys.argv[1], sys.argv[2:]
    checked = 0
    for capture in captures:
        zeek = load_zeek(run(tcplens, "zeek", capture))
        table = list(csv.DictReader(io.StringIO(run(tcplens, "csv", capture), newline="")))
        zjson = [json.loads(l) for l in run(tcplens, "zeek-json", capture).splitlines()]
        flows = [json.loads(l) for l in run(tcplens, "json", capture).splitlines()]
        assert len(zeek) == len(table) == len(zjson) == len(flows), f"{capture}: row counts differ"
        for z, c, j, f in zip(zeek, table, zjson, flows):
            for name, value in f.items():
                if name == "type":
                    continue
                # zeek: unset duration/bytes when the duration is 0 (Zeek's rule)
                zv = z[name]
                if zv is None and name in ("duration", "orig_bytes", "resp_bytes") and f["duration"] == 0:
                    zv = value
                if name == "encap" or isinstance(value, list):
                    zv = zv or []
                assert same(zv, value) or (zv is None and value is None), f"{capture} {name}: zeek {zv!r}, json {value!r}"
                cv = c[name]
                expect = "" if value is None else (",".join(value) if isinstance(value, list) else
                                                   ("true" if value is True else "false" if value is False else value))
                if isinstance(value, float):
                    assert cv != "" and same(float(cv), value), f"{capture} {name}: csv {cv!r}, json {value!r}"
                else:
                    assert cv == str(expect), f"{capture} {name}: csv {cv!r}, json {value!r}"
                if name in j or value is not None:
                    jv = j.get(name)
                    if name in ("duration", "orig_bytes", "resp_bytes") and f["duration"] == 0:
                        assert jv is None, f"{capture} {name}: zeek-json sets it with a 0 duration"
                    else:
                        assert same(jv, value), f"{capture} {name}: zeek-json {jv!r}, json {value!r}"
            checked += 1
    if checked == 0:
        sys.exit("no connection checked")
    print(f"formats: {checked} connections of {len(captures)} captures agree in zeek, csv, zeek-json and json")


if __name__ == "__main__":
    main()
