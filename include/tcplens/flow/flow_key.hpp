// The identity of a connection: both endpoints, in a canonical order so
// both directions map to one key. Compared whole; the hash only buckets.
#pragma once
#include <cstdint>

#include "tcplens/core/ip_address.hpp"
#include "tcplens/decode/decoded_packet.hpp"

namespace tcplens {

struct FlowKey {
  IpAddress low_addr;
  IpAddress high_addr;
  std::uint16_t low_port = 0;
  std::uint16_t high_port = 0;

  static FlowKey of(const DecodedPacket& pkt);
  // The same key from the two endpoints, in either order.
  static FlowKey between(const IpAddress& a, std::uint16_t a_port, const IpAddress& b, std::uint16_t b_port);
  bool operator==(const FlowKey&) const = default;
};

struct FlowKeyHash {
  std::size_t operator()(const FlowKey& k) const;
};

}  // namespace tcplens
