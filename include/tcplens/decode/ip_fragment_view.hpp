// Where a frame is an IP fragment: the outermost fragmented IP header's
// fields and where its piece of the datagram lies in the frame, which is
// what reassembly needs. A tunnel's outer datagram may be the fragment
// (its first fragment is still decoded inward, as tcpdump does), so this
// is kept apart from the innermost IpLayer.
#pragma once
#include <cstdint>

#include "tcplens/core/ip_address.hpp"
#include "tcplens/decode/ip_layer.hpp"

namespace tcplens {

struct IpFragmentView {
  bool present = false;
  IpAddress src;
  IpAddress dst;
  std::uint32_t id = 0;
  std::uint8_t protocol = 0;  // of the whole datagram
  bool more_fragments = false;
  std::uint32_t offset = 0;                 // bytes into the datagram's payload
  std::uint32_t ip_offset = 0;              // its IP header, in the frame
  std::uint32_t unfragmentable_length = 0;  // IPv4 header; IPv6 header and extensions before the Fragment header
  std::uint32_t payload_offset = 0;         // its piece of the payload, in the frame ...
  std::uint32_t payload_captured = 0;       // ... as captured
  std::uint32_t payload_wire_length = 0;    // per the IP header (more than captured: cut by the snaplen)
  std::uint32_t context = 0;  // the tunnel context around it (Encapsulation::context), part of its datagram's key
};

// The fragment fields of an IP header at ip_offset whose transport view
// ends captured_end bytes into the frame (0: nothing of it captured).
inline IpFragmentView fragment_view(const IpLayer& ip, std::uint32_t ip_offset, std::uint32_t captured_end) {
  constexpr std::uint32_t kIpv6FragmentHeader = 8;
  IpFragmentView f;
  f.present = true;
  f.src = ip.src;
  f.dst = ip.dst;
  f.id = ip.fragment_id;
  f.protocol = ip.transport_protocol;
  f.more_fragments = ip.more_fragments;
  f.offset = ip.fragment_offset;
  f.ip_offset = ip_offset;
  f.unfragmentable_length = ip.unfragmentable_length;
  // The piece starts after the header (IPv6: after the Fragment header,
  // before any extension header behind it).
  const std::uint32_t skipped = ip.unfragmentable_length + (ip.family == IpFamily::v6 ? kIpv6FragmentHeader : 0);
  f.payload_offset = ip_offset + skipped;
  f.payload_captured = captured_end > f.payload_offset ? captured_end - f.payload_offset : 0;
  f.payload_wire_length = ip.transport_length + (ip.header_length - skipped);
  return f;
}

}  // namespace tcplens
