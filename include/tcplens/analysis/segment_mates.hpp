// How many earlier application messages (HTTP messages, framed messages,
// WebSocket frames) started or ended in the same segment as this one: the
// seeds' "sticky packets", said as "stuck to N earlier ...".
#pragma once
#include <cstdint>

namespace tcplens {

class SegmentMates {
 public:
  // One more message in the segment of `frame`: the number before it there.
  std::uint32_t earlier_in(std::uint64_t frame) {
    if (frame == frame_) return count_++;
    frame_ = frame;
    count_ = 1;
    return 0;
  }

 private:
  std::uint64_t frame_ = 0;
  std::uint32_t count_ = 0;
};

}  // namespace tcplens
