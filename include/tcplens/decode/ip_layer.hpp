// IPv4 and IPv6 decoding down to the transport header, following the length
// rules tcpdump uses so that printed lengths agree with it.
#pragma once
#include <array>
#include <cstdint>

#include "tcplens/core/anomaly.hpp"
#include "tcplens/core/bytes.hpp"
#include "tcplens/core/ip_address.hpp"

namespace tcplens {

inline constexpr std::uint8_t kIpProtoTcp = 6;

// An IPv6 extension header as seen on the way to the transport header; raw
// holds its captured bytes (for the renderer, which prints some of them).
// Left uninitialised in IpLayer (only the first extension_count are set):
// zeroing all eight on every packet cost more than decoding an IPv4 header.
struct Ip6Extension {
  std::uint8_t type;  // 0 hop-by-hop, 43 routing, 44 fragment, 60 destination options
  Bytes raw;
  std::uint32_t fragment_payload;  // fragment header only: bytes after it per the IPv6 length
};

struct IpLayer {
  IpFamily family = IpFamily::v4;
  IpAddress src;
  IpAddress dst;
  std::uint8_t header_protocol = 0;     // protocol/next-header field of the fixed header
  std::uint8_t transport_protocol = 0;  // after extension headers
  std::uint32_t transport_length = 0;   // on-wire transport length per the IP header
  std::uint32_t missing_bytes = 0;      // IP length beyond what reached the wire
  std::uint32_t header_length = 0;      // including IPv6 extension headers
  std::uint16_t ip_id = 0;
  std::uint8_t ttl = 0;
  bool first_fragment = false;  // offset 0 with more fragments to come
  // A fragment (IPv4 MF or offset; IPv6 Fragment header, not atomic):
  // transport holds the fragment's payload and transport_protocol the
  // protocol of the whole datagram; only the first has its header.
  bool more_fragments = false;
  std::uint32_t fragment_offset = 0;        // bytes
  std::uint32_t fragment_id = 0;            // IPv4 identification, IPv6 Fragment header's
  std::uint32_t unfragmentable_length = 0;  // IPv4 header; IPv6 header and extensions before the Fragment header
  bool jumbo = false;                       // IPv6 length came from a Jumbo Payload option
  bool length_from_frame = false;           // IPv4 total length 0 (TSO at the sender): frame length used
  std::array<Ip6Extension, 8> extensions;   // the first extension_count are set
  std::uint8_t extension_count = 0;
  Bytes transport;                  // captured transport bytes, cut at the IP end
  Anomaly anomaly = Anomaly::none;  // set when no transport header can be handed on

  [[nodiscard]] bool is_fragment() const { return more_fragments || fragment_offset != 0; }
  // A fragment after the first: no transport header in it.
  [[nodiscard]] bool is_later_fragment() const { return fragment_offset != 0; }
};

// wire_length: bytes of the network packet on the wire (frame length minus the
// link header), which may exceed what was captured.
// They fill `ip` in place (a default IpLayer): the hot path decodes into the
// packet's own layer instead of copying a 350-byte struct out.
void decode_ipv4(ByteReader packet, std::uint32_t wire_length, IpLayer& ip);
void decode_ipv6(ByteReader packet, std::uint32_t wire_length, IpLayer& ip);
inline IpLayer decode_ipv4(ByteReader packet, std::uint32_t wire_length) {
  IpLayer ip;
  decode_ipv4(packet, wire_length, ip);
  return ip;
}
inline IpLayer decode_ipv6(ByteReader packet, std::uint32_t wire_length) {
  IpLayer ip;
  decode_ipv6(packet, wire_length, ip);
  return ip;
}
// Makes a decoded layer ready for the next (inner) header without zeroing
// its extension array: only the first extension_count entries are read.
inline void reset_for_inner(IpLayer& ip) {
  ip.header_protocol = ip.transport_protocol = 0;
  ip.transport_length = ip.missing_bytes = ip.header_length = 0;
  ip.ip_id = 0;
  ip.ttl = 0;
  ip.first_fragment = ip.jumbo = ip.length_from_frame = ip.more_fragments = false;
  ip.fragment_offset = ip.fragment_id = ip.unfragmentable_length = 0;
  ip.extension_count = 0;
  ip.transport = {};
  ip.anomaly = Anomaly::none;
}
// The layer cannot hand on a transport header: why (none: another protocol).
inline void fail(IpLayer& ip, Anomaly why) { ip.anomaly = why; }

}  // namespace tcplens
