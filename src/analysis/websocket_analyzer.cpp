#include "tcplens/analysis/websocket_analyzer.hpp"

#include <algorithm>

#include "tcplens/analysis/analyzer_registry.hpp"
#include "tcplens/analysis/flow_record.hpp"

namespace tcplens {

std::string_view websocket_opcode_name(std::uint8_t opcode) {
  switch (opcode) {
    case websocket_opcode::continuation:
      return "continuation";
    case websocket_opcode::text:
      return "text";
    case websocket_opcode::binary:
      return "binary";
    case websocket_opcode::close:
      return "close";
    case websocket_opcode::ping:
      return "ping";
    case websocket_opcode::pong:
      return "pong";
    default:
      return "";
  }
}

namespace {

constexpr std::uint8_t kFinBit = 0x80;
constexpr std::uint8_t kOpcodeBits = 0x0F;
constexpr std::uint8_t kMaskBit = 0x80;
constexpr std::uint8_t kLengthBits = 0x7F;
constexpr std::uint8_t kLength16 = 126;  // a 16-bit extended length follows
constexpr std::uint8_t kLength64 = 127;  // a 64-bit extended length follows

bool starts_message(std::uint8_t opcode) {
  return opcode == websocket_opcode::text || opcode == websocket_opcode::binary;
}

}  // namespace

// Bytes of the frame header: 2, the extended length, the masking key.
std::size_t WebSocketAnalyzer::header_size(const Side& s) {
  const std::uint8_t len7 = s.header[1] & kLengthBits;
  const std::size_t extended = len7 == kLength16 ? 2 : len7 == kLength64 ? 8 : 0;
  const std::size_t mask = (s.header[1] & kMaskBit) != 0 ? 4 : 0;
  return 2 + extended + mask;
}

void WebSocketAnalyzer::start_payload(Side& s, Role side, std::uint64_t frame, std::vector<WebSocketFrame>& out) {
  WebSocketFrame& f = s.current;
  f.fin = (s.header[0] & kFinBit) != 0;
  f.opcode = s.header[0] & kOpcodeBits;
  f.masked = (s.header[1] & kMaskBit) != 0;
  const std::uint8_t len7 = s.header[1] & kLengthBits;
  std::uint64_t length = len7;
  if (len7 == kLength16) {
    length = (static_cast<std::uint64_t>(s.header[2]) << 8) | s.header[3];
  } else if (len7 == kLength64) {
    length = 0;
    for (int k = 2; k < 10; ++k) length = (length << 8) | s.header[k];
    if ((length >> 63) != 0) {  // RFC 6455: the most significant bit must be 0
      s.lost = true;
      return;
    }
  }
  f.payload_length = length;
  s.remaining = length;
  s.read = 0;
  s.in_payload = true;
  if (length == 0) complete(s, side, frame, out);
}

// The first two payload bytes of a close frame are its status code (masked
// like the rest of the payload).
void WebSocketAnalyzer::read_payload(Side& s, Bytes data) {
  if (s.current.opcode == websocket_opcode::close) {
    const std::uint8_t* key = s.header + header_size(s) - 4;
    for (std::size_t k = 0; k < data.size() && s.read + k < 2; ++k) {
      const std::size_t at = static_cast<std::size_t>(s.read + k);
      s.close_status[at] = static_cast<std::uint8_t>(data[k] ^ (s.current.masked ? key[at % 4] : 0));
    }
  }
  s.read += data.size();
}

void WebSocketAnalyzer::complete(Side& s, Role side, std::uint64_t frame, std::vector<WebSocketFrame>& out) {
  WebSocketFrame& f = s.current;
  if (f.opcode == websocket_opcode::close && f.payload_length >= 2) {
    f.close_code = static_cast<std::uint16_t>((s.close_status[0] << 8) | s.close_status[1]);
    if (!close_code_) close_code_ = f.close_code;
  }
  if (starts_message(f.opcode) && !f.fin) {
    s.message_opcode = f.opcode;
    s.message_frames = 1;
    s.message_bytes = f.payload_length;
  } else if (f.opcode == websocket_opcode::continuation && s.message_frames > 0) {
    ++s.message_frames;
    s.message_bytes += f.payload_length;
    if (f.fin) {
      f.message_opcode = s.message_opcode;
      f.message_frames = s.message_frames;
      f.message_bytes = s.message_bytes;
      s.message_frames = 0;
    }
  }
  f.side = side;
  f.number = ++s.count;
  f.last_frame = frame;
  f.shares_segment_with = s.ends.earlier_in(frame);
  out.push_back(f);
  s.in_payload = false;
  s.have = 0;
}

void WebSocketAnalyzer::feed(Role side, Bytes data, std::uint64_t frame, std::vector<WebSocketFrame>& out) {
  Side& s = sides_[static_cast<int>(side)];
  std::size_t i = 0;
  while (i < data.size() && !s.lost) {
    if (!s.in_payload) {
      if (s.have == 0) {
        s.current = WebSocketFrame{};
        s.current.first_frame = frame;
      }
      s.header[s.have++] = data[i++];
      if (s.have < 2 || s.have < header_size(s)) continue;
      start_payload(s, side, frame, out);
      continue;
    }
    const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(s.remaining, data.size() - i));
    read_payload(s, data.subspan(i, n));
    s.remaining -= n;
    i += n;
    if (s.remaining == 0) complete(s, side, frame, out);
  }
}

std::string_view WebSocketAnalyzer::service() const { return sides_[0].count + sides_[1].count > 0 ? "websocket" : ""; }

void WebSocketAnalyzer::summarize(FlowRecord& f) const {
  f.websocket_frames = sides_[0].count + sides_[1].count;
  f.websocket_close_code = close_code_;
}

namespace {

std::unique_ptr<AppAnalyzer> make_websocket(const AnalyzerConfig&) { return std::make_unique<WebSocketAnalyzer>(); }

}  // namespace

// Reached only by hand-over: HTTP's 101 response to an Upgrade: websocket.
const AnalyzerEntry kWebSocketAnalyzer{"websocket", nullptr, &make_websocket};

}  // namespace tcplens
