// A capture timestamp exactly as libpcap delivered it. The fractional part is
// microseconds or nanoseconds depending on the precision the file was opened
// with; values are kept raw (even out-of-range ones) so that printing can match
// tcpdump byte for byte.
#pragma once
#include <cstdint>

namespace tcplens {

struct Timestamp {
  std::int64_t sec = 0;
  // Microseconds or nanoseconds, possibly out of range (libpcap's 32-bit
  // field, scaled at most by 1000: 63 bits hold it). Bit-fields keep the
  // struct at 16 bytes: every connection holds four.
  std::int64_t frac : 63 = 0;
  bool nano : 1 = false;

  [[nodiscard]] double seconds() const {
    return static_cast<double>(sec) + static_cast<double>(frac) / (nano ? 1e9 : 1e6);
  }
  [[nodiscard]] std::int64_t total_ns() const { return sec * 1'000'000'000 + frac * (nano ? 1 : 1000); }
};

}  // namespace tcplens
