// One WebSocket frame (RFC 6455, section 5.2) as the analysis found it, on
// the packet that delivered its last byte: data only.
#pragma once
#include <cstdint>
#include <optional>
#include <string_view>

#include "tcplens/tcp/tcp_state.hpp"

namespace tcplens {

namespace websocket_opcode {
inline constexpr std::uint8_t continuation = 0x0;
inline constexpr std::uint8_t text = 0x1;
inline constexpr std::uint8_t binary = 0x2;
inline constexpr std::uint8_t close = 0x8;
inline constexpr std::uint8_t ping = 0x9;
inline constexpr std::uint8_t pong = 0xA;
}  // namespace websocket_opcode

// "text", "close" ...; "" for the opcodes RFC 6455 reserves.
std::string_view websocket_opcode_name(std::uint8_t opcode);

struct WebSocketFrame {
  Role side = Role::orig;
  std::uint8_t opcode = 0;
  bool fin = false;
  bool masked = false;
  std::uint64_t payload_length = 0;
  std::optional<std::uint16_t> close_code;  // close frames with a status code
  std::uint64_t number = 0;                 // 1-based, per direction
  std::uint64_t first_frame = 0;            // the segment carrying its first header byte
  std::uint64_t last_frame = 0;             // ... and its last byte
  std::uint32_t shares_segment_with = 0;    // earlier frames that ended in the segment where this one ends
  // A fragmented message this frame ends (its final continuation): the
  // message's opcode, frames and payload bytes; message_frames 0 otherwise.
  std::uint8_t message_opcode = 0;
  std::uint32_t message_frames = 0;
  std::uint64_t message_bytes = 0;
};

}  // namespace tcplens
