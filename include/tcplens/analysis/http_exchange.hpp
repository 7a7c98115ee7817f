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

#include "tcplens/analysis/app_analyzer.hpp"
#include "tcplens/analysis/http_message.hpp"
#include "tcplens/analysis/segment_mates.hpp"
#include "tcplens/core/bytes.hpp"
#include "tcplens/tcp/tcp_state.hpp"

namespace tcplens {

class HttpConversation final : public AppAnalyzer {
 public:
  // In-order bytes of one side, delivered by the segment of `frame` at `time`.
  // Returns the bytes read: fewer than given when a 101 response switched
  // the connection to another protocol part-way.
  std::size_t feed(Role side, Bytes data, std::uint64_t frame, double time, std::vector<HttpEvent>& events);
  // Bytes of one side that were never captured: its messages lose their framing.
  void gap(Role side) override;
  // The stream ended (close or end of capture): a body read until close ends here.
  void finish(Role side, std::vector<HttpEvent>& events);

  [[nodiscard]] bool is_http() const {
    return switched_ || sides_[0].mode == Mode::http || sides_[1].mode == Mode::http;
  }
  // Both sides sent bytes that are not HTTP (or lost their place): nothing more to find.
  [[nodiscard]] bool ruled_out() const { return given_up(sides_[0]) && given_up(sides_[1]); }
  // A 101 response ended: what follows on both sides is another protocol.
  [[nodiscard]] bool switched() const { return switched_; }

  // AppAnalyzer
  std::size_t deliver(Role side, Bytes data, const Delivery& at, AppFindings& out) override {
    return feed(side, data, at.frame, at.time, out.http);
  }
  void end_of_stream(Role side, AppFindings& out) override { finish(side, out.http); }
  [[nodiscard]] bool done() const override { return switched_ || ruled_out(); }
  [[nodiscard]] bool found_anything() const override { return is_http(); }
  [[nodiscard]] std::string_view handover() const override { return switched_to_websocket_ ? "websocket" : ""; }
  [[nodiscard]] std::string_view service() const override;
  void summarize(FlowRecord& record) const override;
  [[nodiscard]] std::uint64_t requests() const { return sides_[0].started; }
  [[nodiscard]] std::uint64_t responses() const { return sides_[1].started; }
  [[nodiscard]] const std::vector<int>& statuses() const { return statuses_; }

 private:
  enum class Mode : std::uint8_t { unknown, http, not_http, lost, switched };
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
    SegmentMates starts;  // messages that started in the same segment
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
  bool switched_ = false;
  bool switched_to_websocket_ = false;
};

// May a side's first bytes start an HTTP message (a request line from the
// client, a status line from the server)? The analyzer's probe.
bool http_could_start(Role side, Bytes first);

}  // namespace tcplens
