// One captured frame as libpcap hands it over: no copy, valid until the next read.
#pragma once
#include <cstdint>

#include "tcplens/core/bytes.hpp"
#include "tcplens/core/timestamp.hpp"

namespace tcplens {

struct RawFrame {
  std::uint64_t number = 0;  // 1-based position in the file, like tcpdump -# and Wireshark
  Timestamp ts;
  std::uint32_t caplen = 0;
  std::uint32_t wirelen = 0;
  Bytes data;  // caplen bytes
  // A frame rebuilt around a reassembled IP datagram (flow/ip_reassembler):
  // the completing fragment's headers up to its IP header, at this offset,
  // then the whole datagram. The outer headers' lengths still describe the
  // fragment, so the decoder takes the datagram's length from here on.
  std::uint32_t rebuilt_ip_at = kNotRebuilt;
  static constexpr std::uint32_t kNotRebuilt = UINT32_MAX;

  [[nodiscard]] bool is_rebuilt() const { return rebuilt_ip_at != kNotRebuilt; }
};

}  // namespace tcplens
