#!/usr/bin/env python3
"""tcplens's WebSocket frames, in the format of websocket_frames.sh.

Reads `tcplens read --json` lines on stdin and prints, for every WebSocket
frame a packet completes (its "websocket" list), one line:
FRAME DIR OPCODE FIN MASKED PAYLOAD_LENGTH CLOSE_CODE
"""
import json
import sys

for line in sys.stdin:
    record = json.loads(line)
    if record.get("type") != "packet":
        continue
    for f in record["websocket"]:
        code = "-" if f["close_code"] is None else str(f["close_code"])
        print(record["frame"], f["dir"], f["opcode"], str(f["fin"]).lower(), str(f["masked"]).lower(),
              f["payload_length"], code)
