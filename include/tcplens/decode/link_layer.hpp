// Link-layer decoding: find the network-layer header in a frame.
#pragma once
#include <cstdint>

#include "tcplens/core/anomaly.hpp"
#include "tcplens/core/bytes.hpp"

namespace tcplens {

// Link types we decode, by their DLT_ values as libpcap reports them.
enum class LinkType : int {
  null = 0,          // BSD loopback, host byte order address family
  ethernet = 1,
  raw = 12,          // DLT_RAW on Linux (LINKTYPE_RAW 101 maps here)
  raw_openbsd = 14,  // DLT_RAW on OpenBSD
  loop = 108,        // OpenBSD loopback, network byte order address family
  linux_sll = 113,
  ipv4 = 228,
  ipv6 = 229,
  linux_sll2 = 276,
};

bool link_type_supported(int dlt);

enum class NetworkProtocol : std::uint8_t { none, ipv4, ipv6 };

struct LinkLayer {
  NetworkProtocol network = NetworkProtocol::none;
  std::uint32_t header_length = 0;  // bytes before the network header
  Anomaly anomaly = Anomaly::none;
  // Linux cooked v2 carries the interface index and packet type; tcpdump
  // prints both, so the renderer needs them.
  bool has_sll2 = false;
  std::uint32_t sll2_ifindex = 0;
  std::uint8_t sll2_packet_type = 0;
};

LinkLayer decode_link_layer(int dlt, ByteReader frame);

}  // namespace tcplens
