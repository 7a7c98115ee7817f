// One HTTP/1.x message as the analysis found it, and its start or end on
// the packet being reported: data only, so that the packet report (and
// everything that includes it) does not depend on the HTTP parser.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "tcplens/tcp/tcp_state.hpp"

namespace tcplens {

struct HttpMessage {
  bool request = true;
  std::string method;  // requests
  std::string target;
  int status = 0;  // responses
  std::string reason;
  std::uint64_t number = 0;       // 1-based, per direction: request n pairs with response n
  std::uint64_t first_frame = 0;  // the segment carrying its first byte
  std::uint64_t last_frame = 0;   // ... and its last byte
  double start_time = 0;
  std::uint64_t header_bytes = 0;
  std::uint64_t body_bytes = 0;
  std::optional<std::uint64_t> content_length;
  bool chunked = false;
  bool connection_close = false;
  std::optional<int> keep_alive_timeout;  // Keep-Alive: timeout=N
  bool upgrade = false;                   // Upgrade: (websocket ...)
  bool upgrade_websocket = false;         // ... naming websocket
  std::string range;                      // Range: or Content-Range:
  std::uint32_t shares_segment_with = 0;  // other messages that started in the same segment
  double since_request = -1;              // responses: time since their request started (TTFB)
};

// A message start or end, for the packet being reported.
struct HttpEvent {
  enum class Kind : std::uint8_t { start, end };
  Kind kind = Kind::start;
  Role side = Role::orig;
  HttpMessage message;
};

}  // namespace tcplens
