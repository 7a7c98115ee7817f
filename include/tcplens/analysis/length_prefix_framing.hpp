// Application messages framed by a length prefix (2 or 4 bytes, big or
// little endian), as the seeds' custom protocols over Node's `net` module
// frame them: each message found in the reassembled stream, with the
// segments it lies in, so that several messages in one segment ("sticky
// packets") and one message over several segments both show.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tcplens/analysis/app_analyzer.hpp"
#include "tcplens/analysis/framed_message.hpp"
#include "tcplens/analysis/segment_mates.hpp"
#include "tcplens/core/bytes.hpp"
#include "tcplens/tcp/tcp_state.hpp"

namespace tcplens {

// "lenprefix:2", "lenprefix:4:le" ...; nullopt when malformed.
std::optional<FramingSpec> parse_framing(const std::string& text);

class LengthPrefixFraming final : public AppAnalyzer {
 public:
  explicit LengthPrefixFraming(FramingSpec spec) : spec_(spec) {}
  // In-order bytes of one side; completed messages are appended to out.
  void feed(Role side, Bytes data, std::uint64_t frame, std::vector<FramedMessage>& out);
  void gap(Role side) override { sides_[static_cast<int>(side)].lost = true; }
  [[nodiscard]] std::uint64_t messages(Role side) const { return sides_[static_cast<int>(side)].count; }

  // AppAnalyzer
  std::size_t deliver(Role side, Bytes data, const Delivery& at, AppFindings& out) override {
    feed(side, data, at.frame, out.framed);
    return data.size();
  }
  [[nodiscard]] bool done() const override { return sides_[0].lost && sides_[1].lost; }
  [[nodiscard]] bool found_anything() const override { return false; }  // the packets show what it found

 private:
  struct Side {
    std::uint8_t prefix[4] = {};
    std::uint8_t have = 0;        // prefix bytes collected
    std::uint64_t remaining = 0;  // payload bytes still to come
    bool in_payload = false;
    std::uint64_t first_frame = 0;
    std::uint64_t count = 0;
    SegmentMates ends;  // messages that ended in the same segment
    bool lost = false;
  };
  void complete(Side& s, Role side, std::uint64_t length, std::uint64_t frame, std::vector<FramedMessage>& out);
  FramingSpec spec_;
  Side sides_[2];
};

}  // namespace tcplens
