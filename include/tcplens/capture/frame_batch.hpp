// Frames copied out of libpcap's buffer, to be handed to another thread:
// the bytes of all in one growing buffer, reused batch after batch.
#pragma once
#include <cstdint>
#include <vector>

#include "tcplens/capture/raw_frame.hpp"

namespace tcplens {

class FrameBatch {
 public:
  // clock: the latest packet time read up to and including this frame.
  void add(const RawFrame& f, double clock) {
    frames_.push_back({f.number, f.ts, f.caplen, f.wirelen, bytes_.size(), clock, f.rebuilt_ip_at});
    bytes_.insert(bytes_.end(), f.data.begin(), f.data.end());
  }
  [[nodiscard]] std::size_t size() const { return frames_.size(); }
  // The i-th frame; its bytes stay valid until the batch is cleared or added to.
  [[nodiscard]] RawFrame frame(std::size_t i) const {
    const Stored& s = frames_[i];
    return {s.number, s.ts, s.caplen, s.wirelen, Bytes(bytes_.data() + s.offset, s.caplen), s.rebuilt_ip_at};
  }
  [[nodiscard]] double clock_at(std::size_t i) const { return frames_[i].clock; }
  void clear() {
    frames_.clear();
    bytes_.clear();
  }

  std::uint64_t up_to = 0;  // the last frame of the file the batch covers (its own or others')
  double clock = 0;         // the latest packet time read by the batch's end
  bool last = false;        // the end of the capture

 private:
  struct Stored {
    std::uint64_t number;
    Timestamp ts;
    std::uint32_t caplen;
    std::uint32_t wirelen;
    std::size_t offset;
    double clock;
    std::uint32_t rebuilt_ip_at;
  };
  std::vector<Stored> frames_;
  std::vector<std::uint8_t> bytes_;
};

}  // namespace tcplens
