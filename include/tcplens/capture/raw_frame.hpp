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
};

}  // namespace tcplens
