// One direction's sequence space: maps 32-bit wire numbers to 64-bit
// relative numbers (SYN = 0, first data byte = 1, as Wireshark counts),
// following wraps past 2^32.
#pragma once
#include <cstdint>

namespace tcplens {

class SequenceSpace {
 public:
  // The ISN: relative 0 is the SYN.
  void set_isn(std::uint32_t isn) {
    base_ = isn;
    last_ = 0;
    known_ = true;
  }
  // Mid-stream: make seq the first data byte (relative 1).
  void set_first_seen(std::uint32_t seq) { set_isn(seq - 1); }
  [[nodiscard]] bool known() const { return known_; }
  [[nodiscard]] std::uint32_t isn() const { return base_; }

  // Relative number of a wire value, unwrapped near the last one seen.
  // Negative results (before the base) are possible for stale segments.
  [[nodiscard]] std::int64_t relative(std::uint32_t wire) const {
    const auto last_wire = static_cast<std::uint32_t>(base_ + static_cast<std::uint64_t>(last_));
    const auto delta = static_cast<std::int32_t>(wire - last_wire);
    return last_ + delta;
  }
  // Relative number, remembering it as the new reference if it is later.
  std::int64_t advance(std::uint32_t wire) {
    const std::int64_t rel = relative(wire);
    if (rel > last_) last_ = rel;
    return rel;
  }

 private:
  std::uint32_t base_ = 0;
  bool known_ = false;  // beside base_: 16 bytes, not 24
  std::int64_t last_ = 0;
};

}  // namespace tcplens
