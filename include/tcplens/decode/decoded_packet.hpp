// Everything the decoders learned about one frame. Views point into the
// frame's bytes; nothing is copied.
#pragma once
#include "tcplens/capture/raw_frame.hpp"
#include "tcplens/core/anomaly.hpp"
#include "tcplens/decode/encapsulation.hpp"
#include "tcplens/decode/ip_fragment_view.hpp"
#include "tcplens/decode/ip_layer.hpp"
#include "tcplens/decode/link_layer.hpp"
#include "tcplens/decode/tcp_segment.hpp"

namespace tcplens {

enum class PacketKind : std::uint8_t {
  not_ip,       // link payload is not IPv4/IPv6
  not_tcp,      // IP, but another transport
  malformed,    // broken before a TCP header could be found
  tcp,          // a TCP segment (possibly truncated: see tcp.completeness)
  ip_fragment,  // an IP fragment after the first: no transport header (ip.transport: its payload)
};

struct DecodedPacket {
  const RawFrame* frame = nullptr;
  PacketKind kind = PacketKind::not_ip;
  Anomaly anomaly = Anomaly::none;  // the first thing found wrong, if any
  LinkLayer link;
  Encapsulation encap;      // headers around the innermost IP, outermost first
  IpLayer ip;               // the innermost IP header
  IpFragmentView fragment;  // the frame is an IP fragment (the innermost IP or a tunnel's outer one)
  TcpSegment tcp;

  [[nodiscard]] bool is_tcp() const { return kind == PacketKind::tcp; }
  [[nodiscard]] bool is_ip_fragment() const { return fragment.present; }
  // A TCP segment whose fixed header is complete and consistent: usable for analysis.
  [[nodiscard]] bool is_analyzable_tcp() const { return is_tcp() && tcp.completeness == TcpCompleteness::complete; }
};

DecodedPacket decode_packet(int dlt, const RawFrame& frame);

}  // namespace tcplens
