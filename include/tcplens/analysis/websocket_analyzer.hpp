// WebSocket (RFC 6455) on a connection HTTP handed over after its 101
// response: each side's frames found in the reassembled stream, within and
// across segments (header, extended length, mask, payload), with their
// opcode, FIN bit, mask, payload length and close status code, and the
// fragmented messages that continuation frames complete.
#pragma once
#include <cstdint>
#include <optional>
#include <vector>

#include "tcplens/analysis/app_analyzer.hpp"
#include "tcplens/analysis/segment_mates.hpp"
#include "tcplens/analysis/websocket_frame.hpp"

namespace tcplens {

class WebSocketAnalyzer final : public AppAnalyzer {
 public:
  // In-order bytes of one side; the frames they complete are appended to out.
  void feed(Role side, Bytes data, std::uint64_t frame, std::vector<WebSocketFrame>& out);
  void gap(Role side) override { sides_[static_cast<int>(side)].lost = true; }

  [[nodiscard]] std::uint64_t frames(Role side) const { return sides_[static_cast<int>(side)].count; }
  // The status code of the first close frame that carried one.
  [[nodiscard]] std::optional<std::uint16_t> close_code() const { return close_code_; }

  // AppAnalyzer
  std::size_t deliver(Role side, Bytes data, const Delivery& at, AppFindings& out) override {
    feed(side, data, at.frame, out.websocket);
    return data.size();
  }
  [[nodiscard]] bool done() const override { return sides_[0].lost && sides_[1].lost; }
  [[nodiscard]] bool found_anything() const override { return true; }  // handed over to: the switch itself is a finding
  [[nodiscard]] std::string_view service() const override;
  void summarize(FlowRecord& record) const override;

 private:
  struct Side {
    std::uint8_t header[14] = {};
    std::uint8_t have = 0;  // header bytes collected
    bool in_payload = false;
    std::uint64_t remaining = 0;  // payload bytes still to come
    std::uint64_t read = 0;       // payload bytes of the current frame read so far
    WebSocketFrame current;
    std::uint8_t close_status[2] = {};
    // The fragmented message in progress (its first frame's opcode).
    std::uint8_t message_opcode = 0;
    std::uint32_t message_frames = 0;
    std::uint64_t message_bytes = 0;
    std::uint64_t count = 0;
    SegmentMates ends;  // frames that ended in the same segment
    bool lost = false;
  };
  static std::size_t header_size(const Side& s);
  void start_payload(Side& s, Role side, std::uint64_t frame, std::vector<WebSocketFrame>& out);
  void read_payload(Side& s, Bytes data);
  void complete(Side& s, Role side, std::uint64_t frame, std::vector<WebSocketFrame>& out);

  Side sides_[2];
  std::optional<std::uint16_t> close_code_;
};

}  // namespace tcplens
