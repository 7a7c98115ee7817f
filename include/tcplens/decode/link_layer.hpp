// Link-layer decoding: find the network-layer header in a frame.
#pragma once
#include <cstdint>

#include "tcplens/core/anomaly.hpp"
#include "tcplens/core/bytes.hpp"

namespace tcplens {

// Link types are listed, with the header each starts with, in
// decode/protocol_table.cpp.
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

// Where the first IP header is (through VLAN tags, MPLS, PPPoE... but not
// through IP tunnels).
LinkLayer decode_link_layer(int dlt, ByteReader frame);
// Linux cooked v2: the interface index and packet type tcpdump prints.
void read_sll2_info(int dlt, ByteReader frame, LinkLayer& link);

}  // namespace tcplens
