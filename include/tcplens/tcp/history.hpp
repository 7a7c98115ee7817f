// Zeek's conn.log history string: one letter per event kind, upper case for
// the originator, lower case for the responder, with Zeek's repetition rules.
#pragma once
#include <array>
#include <cstdint>
#include <string>

#include "tcplens/tcp/tcp_state.hpp"

namespace tcplens {

class History {
 public:
  // One segment's letters, from its flags and payload length.
  void record_segment(Role sender, std::uint8_t flags, std::uint32_t payload, std::uint32_t seq);
  void record_zero_window(Role sender);
  void record_retransmission(Role sender);
  void record_content_gap(Role sender);
  void mark_flipped() {
    if (text_.empty() || text_[0] != '^') text_.insert(text_.begin(), '^');
  }
  [[nodiscard]] const std::string& text() const { return text_; }

 private:
  // s/h/f/r: again whenever the sequence number differs from the previous one with that flag.
  void repeatable(Role who, char letter, std::uint32_t seq);
  void once(Role who, char letter);
  void logarithmic(Role who, char letter, std::uint32_t& count);

  struct Side {
    std::uint32_t last_seq[4] = {};  // s h f r
    bool seen[4] = {};
    std::uint32_t zero_windows = 0;
    std::uint32_t retransmissions = 0;
    std::uint32_t gaps = 0;
    std::uint32_t once_mask = 0;
  };
  std::string text_;
  std::array<Side, 2> sides_{};
};

}  // namespace tcplens
