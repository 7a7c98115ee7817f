// WebSocket frames (RFC 6455) against segment boundaries: headers, extended
// lengths, masks and close codes split at every byte.
#include "tcplens/analysis/websocket_analyzer.hpp"

#include <catch2/catch.hpp>
#include <cstdint>
#include <vector>

#include "tcplens/analysis/flow_record.hpp"

using namespace tcplens;

namespace {

using Wire = std::vector<std::uint8_t>;

// One frame as a client (masked) or server writes it.
Wire frame(std::uint8_t opcode, bool fin, const Wire& payload, bool masked) {
  Wire out{static_cast<std::uint8_t>((fin ? 0x80 : 0) | opcode)};
  const std::uint8_t mask_bit = masked ? 0x80 : 0;
  if (payload.size() < 126) {
    out.push_back(static_cast<std::uint8_t>(mask_bit | payload.size()));
  } else if (payload.size() <= 0xFFFF) {
    out.push_back(mask_bit | 126);
    out.push_back(static_cast<std::uint8_t>(payload.size() >> 8));
    out.push_back(static_cast<std::uint8_t>(payload.size()));
  } else {
    out.push_back(mask_bit | 127);
    for (int k = 7; k >= 0; --k) out.push_back(static_cast<std::uint8_t>(payload.size() >> (8 * k)));
  }
  const std::uint8_t key[4] = {0x12, 0x34, 0x56, 0x78};
  if (masked) out.insert(out.end(), key, key + 4);
  for (std::size_t i = 0; i < payload.size(); ++i)
    out.push_back(static_cast<std::uint8_t>(payload[i] ^ (masked ? key[i % 4] : 0)));
  return out;
}

Wire text(const char* s) { return Wire(s, s + std::char_traits<char>::length(s)); }

Wire join(std::initializer_list<Wire> parts) {
  Wire out;
  for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

// A client's conversation: a text frame, a fragmented message, a ping, a
// 300 B binary frame (16-bit length), a 70000 B one (64-bit), a close 1001.
Wire conversation() {
  return join({frame(0x1, true, text("hello"), true), frame(0x1, false, text("frag-"), true),
               frame(0x9, true, text("ping"), true), frame(0x0, false, text("ment-"), true),
               frame(0x0, true, text("ed"), true), frame(0x2, true, Wire(300, 7), true),
               frame(0x2, true, Wire(70000, 9), true), frame(0x8, true, join({{0x03, 0xE9}, text("away")}), true)});
}

void check_conversation(const std::vector<WebSocketFrame>& out) {
  REQUIRE(out.size() == 8);
  CHECK(out[0].opcode == websocket_opcode::text);
  CHECK(out[0].payload_length == 5);
  CHECK(out[0].masked);
  CHECK(out[0].fin);
  CHECK_FALSE(out[1].fin);
  CHECK(out[2].opcode == websocket_opcode::ping);  // a control frame inside a fragmented message
  CHECK(out[2].message_frames == 0);
  CHECK(out[3].opcode == websocket_opcode::continuation);
  CHECK(out[3].message_frames == 0);
  CHECK(out[4].message_frames == 3);
  CHECK(out[4].message_opcode == websocket_opcode::text);
  CHECK(out[4].message_bytes == 12);
  CHECK(out[5].payload_length == 300);
  CHECK(out[6].payload_length == 70000);
  CHECK(out[7].opcode == websocket_opcode::close);
  CHECK(out[7].close_code == std::optional<std::uint16_t>(1001));
  for (std::size_t i = 0; i < out.size(); ++i) CHECK(out[i].number == i + 1);
}

}  // namespace

TEST_CASE("WebSocket frames in one segment", "[websocket]") {
  WebSocketAnalyzer ws;
  std::vector<WebSocketFrame> out;
  const Wire wire = conversation();
  ws.feed(Role::orig, wire, 5, out);
  check_conversation(out);
  CHECK(out[1].shares_segment_with == 1);
  CHECK(out[7].shares_segment_with == 7);
  CHECK(ws.close_code() == std::optional<std::uint16_t>(1001));
}

TEST_CASE("WebSocket frames split at every byte", "[websocket]") {
  const Wire wire = conversation();
  // Cut once at every position: the same frames, the one cut ends later.
  for (std::size_t cut = 1; cut < wire.size(); cut += (cut < 400 ? 1 : 997)) {
    WebSocketAnalyzer ws;
    std::vector<WebSocketFrame> out;
    ws.feed(Role::orig, Bytes(wire).subspan(0, cut), 1, out);
    ws.feed(Role::orig, Bytes(wire).subspan(cut), 2, out);
    check_conversation(out);
  }
  // One byte per segment: each frame ends on the segment of its last byte.
  WebSocketAnalyzer ws;
  std::vector<WebSocketFrame> out;
  for (std::size_t i = 0; i < wire.size(); ++i) ws.feed(Role::orig, Bytes(wire).subspan(i, 1), i + 1, out);
  check_conversation(out);
  CHECK(out[0].first_frame == 1);
  CHECK(out[0].last_frame == 11);  // 2 + 4 header bytes, 5 payload
  CHECK(out[0].shares_segment_with == 0);
}

TEST_CASE("WebSocket: unmasked server frames, reserved opcodes, each side its own", "[websocket]") {
  WebSocketAnalyzer ws;
  std::vector<WebSocketFrame> out;
  ws.feed(Role::resp, join({frame(0x1, true, text("hi"), false), frame(0x3, true, text("x"), false)}), 3, out);
  ws.feed(Role::orig, frame(0x8, true, Wire{}, true), 4, out);  // close without a code
  REQUIRE(out.size() == 3);
  CHECK_FALSE(out[0].masked);
  CHECK(out[0].side == Role::resp);
  CHECK(out[1].opcode == 3);
  CHECK(websocket_opcode_name(3).empty());
  CHECK(websocket_opcode_name(websocket_opcode::pong) == "pong");
  CHECK(out[2].side == Role::orig);
  CHECK(out[2].number == 1);
  CHECK_FALSE(out[2].close_code);
  CHECK(ws.frames(Role::resp) == 2);
  FlowRecord f;
  ws.summarize(f);
  CHECK(f.websocket_frames == 3);
  CHECK_FALSE(f.websocket_close_code);
  CHECK(ws.service() == "websocket");
}

TEST_CASE("WebSocket: a gap stops that side; a length with the top bit set is no frame", "[websocket]") {
  WebSocketAnalyzer ws;
  std::vector<WebSocketFrame> out;
  ws.gap(Role::orig);
  ws.feed(Role::orig, frame(0x1, true, text("lost"), true), 1, out);
  CHECK(out.empty());
  CHECK_FALSE(ws.done());
  Wire bad{0x82, 127, 0x80, 0, 0, 0, 0, 0, 0, 1, 0xAA};
  ws.feed(Role::resp, bad, 2, out);
  ws.feed(Role::resp, frame(0x1, true, text("after"), false), 3, out);
  CHECK(out.empty());
  CHECK(ws.done());
}
