// The UDP header (RFC 768) of a datagram's transport bytes.
#pragma once
#include <cstdint>
#include <optional>

#include "tcplens/core/bytes.hpp"

namespace tcplens {

inline constexpr std::uint8_t kIpProtocolUdp = 17;
inline constexpr std::uint32_t kUdpHeaderLength = 8;

struct UdpHeader {
  std::uint16_t src_port = 0;
  std::uint16_t dst_port = 0;
  std::uint16_t length = 0;  // the length field: header and payload
};

// nullopt when fewer than 8 bytes were captured.
std::optional<UdpHeader> parse_udp_header(Bytes transport);

}  // namespace tcplens
