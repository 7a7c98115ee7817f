// One frame copied out of libpcap's buffer, to be processed after the next
// read (CaptureClock holds a frame far ahead of the capture's clock).
#pragma once
#include <cstdint>
#include <vector>

#include "tcplens/capture/raw_frame.hpp"

namespace tcplens {

class HeldFrame {
 public:
  void keep(const RawFrame& f) {
    bytes_.assign(f.data.begin(), f.data.end());
    frame = f;
    frame.data = Bytes(bytes_.data(), bytes_.size());
    holding_ = true;
  }
  [[nodiscard]] bool holding() const { return holding_; }
  void clear() { holding_ = false; }

  RawFrame frame;  // its bytes are the copy's, valid until the next keep()

 private:
  std::vector<std::uint8_t> bytes_;
  bool holding_ = false;
};

}  // namespace tcplens
