// HTTP/1.x on a reassembled TCP connection, found by content (any port):
// each direction's messages framed by their headers (Content-Length,
// chunked, until close), requests paired with responses in order
// (keep-alive and pipelining), and each message start reported on the
// packet that delivered it, with how the message lies across segments.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tcplens/core/bytes.hpp"
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

class HttpConversation {
 public:
  // In-order bytes of one side, delivered by the segment of `frame` at `time`.
  void feed(Role side, Bytes data, std::uint64_t frame, double time, std::vector<HttpEvent>& events);
  // Bytes of one side that were never captured: its messages lose their framing.
  void gap(Role side);
  // The stream ended (close or end of capture): a body read until close ends here.
  void finish(Role side, std::vector<HttpEvent>& events);

  [[nodiscard]] bool is_http() const { return sides_[0].mode == Mode::http || sides_[1].mode == Mode::http; }
  // Both sides sent bytes that are not HTTP (or lost their place): nothing more to find.
  [[nodiscard]] bool ruled_out() const { return given_up(sides_[0]) && given_up(sides_[1]); }
  [[nodiscard]] std::uint64_t requests() const { return sides_[0].started; }
  [[nodiscard]] std::uint64_t responses() const { return sides_[1].started; }
  [[nodiscard]] const std::vector<int>& statuses() const { return statuses_; }

 private:
  enum class Mode : std::uint8_t { unknown, http, not_http, lost };
  enum class Part : std::uint8_t {
    start_line,
    headers,
    body_length,
    chunk_size,
    chunk_data,
    chunk_crlf,
    trailers,
    body_to_close,
    done
  };
  struct Side {
    Mode mode = Mode::unknown;
    Part part = Part::start_line;
    std::string line;  // the line being collected
    HttpMessage current;
    bool in_message = false;
    std::uint64_t remaining = 0;  // body or chunk bytes still to come
    std::uint64_t started = 0;
    std::uint64_t last_start_frame = 0;
    std::uint32_t starts_in_frame = 0;
  };
  static void give_up(Side& s);
  static bool given_up(const Side& s) { return s.mode == Mode::not_http || s.mode == Mode::lost; }
  void take_line(Side& s, Role side, std::uint64_t frame, double time, std::vector<HttpEvent>& events);
  bool start_message(Side& s, Role side, std::uint64_t frame, double time);
  void header(Side& s, const std::string& line);
  void headers_done(Side& s, Role side, std::vector<HttpEvent>& events);
  void end_message(Side& s, Role side, std::uint64_t frame, std::vector<HttpEvent>& events);

  Side sides_[2];
  std::vector<HttpMessage>
      unanswered_;  // requests waiting for their response, oldest first (a deque would allocate 512 B up front)
  std::vector<int> statuses_;
};

}  // namespace tcplens
