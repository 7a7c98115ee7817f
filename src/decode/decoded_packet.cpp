#include "tcplens/decode/decoded_packet.hpp"

#include "tcplens/decode/encap_decoders.hpp"

namespace tcplens {

namespace {

// Steps taken whether recorded or not (an Ethernet header is not): bounds
// the walk on hostile frames even when no layer is recorded.
constexpr int kMaxSteps = 64;
constexpr std::uint8_t kIpProtoUdp = 17;
constexpr std::uint32_t kUdpHeader = 8;

Anomaly tcp_anomaly(const TcpSegment& tcp) {
  switch (tcp.completeness) {
    case TcpCompleteness::no_ports:
    case TcpCompleteness::no_header:
      return Anomaly::truncated_tcp;
    case TcpCompleteness::header_too_short:
    case TcpCompleteness::header_too_long:
      return Anomaly::bad_tcp_header_length;
    case TcpCompleteness::complete:
      break;
  }
  return tcp.header_captured() ? Anomaly::none : Anomaly::truncated_tcp;
}

// Where the walk is: the bytes from here to the end of the enclosing
// payload, and how many bytes that payload had on the wire.
struct Cursor {
  ByteReader rest;
  std::uint32_t wire = 0;

  void skip(std::uint32_t n) {
    rest = ByteReader(rest.from(n));
    wire = wire > n ? wire - n : 0;
  }
  void limit(std::uint32_t n) {
    rest = ByteReader(rest.slice(0, n));
    wire = n;
  }
};

std::uint32_t offset_in(const RawFrame& frame, const Cursor& at) {
  return static_cast<std::uint32_t>(at.rest.bytes().data() - frame.data.data());
}

bool record(DecodedPacket& pkt, EncapKind kind, std::uint32_t offset, std::uint32_t length, std::uint32_t id,
            std::uint8_t detail) {
  Encapsulation& e = pkt.encap;
  if (e.count == kMaxEncapLayers) return false;
  e.layers[e.count++] = EncapLayer{kind, detail, static_cast<std::uint16_t>(length), offset, id};
  return true;
}

DecodedPacket& fail(DecodedPacket& pkt, PacketKind kind, Anomaly why) {
  pkt.kind = kind;
  pkt.anomaly = why;
  return pkt;
}

// What an IP payload other than TCP continues with: IP in IP, GRE, or a
// UDP tunnel (then the UDP header is consumed and recorded here).
Protocol tunnel_in_ip(DecodedPacket& pkt, const RawFrame& frame, Cursor& at) {
  const IpLayer& ip = pkt.ip;
  const std::uint8_t family = ip.family == IpFamily::v4 ? 4 : 6;
  const std::uint32_t ip_offset = offset_in(frame, at);
  if (ip.transport_protocol == kIpProtoUdp) {
    const ByteReader udp(ip.transport);
    const auto src = udp.be16(0);
    const auto dst = udp.be16(2);
    if (!src || !dst) return Protocol::unknown;  // which protocol is not known
    const Protocol p = protocol_for_udp_ports(*src, *dst);
    if (p == Protocol::unknown) return p;
    if (!udp.has(0, kUdpHeader)) return Protocol::ip_by_version;  // a tunnel's UDP header cut short
    if (!record(pkt, EncapKind::ip_outer, ip_offset, ip.header_length, 0, family)) return Protocol::count_;
    at = Cursor{ByteReader(ip.transport), ip.transport_length};
    if (!record(pkt, EncapKind::udp, offset_in(frame, at), kUdpHeader, *dst, 0)) return Protocol::count_;
    at.skip(kUdpHeader);
    return p;
  }
  const Protocol p = protocol_for_ip_payload(ip.transport_protocol);
  if (p == Protocol::unknown) return p;
  const EncapKind kind = p == Protocol::gre ? EncapKind::ip_outer : EncapKind::ip_tunnel;
  if (!record(pkt, kind, ip_offset, ip.header_length, 0, family)) return Protocol::count_;
  at = Cursor{ByteReader(ip.transport), ip.transport_length};
  return p;
}

// The IP header at the cursor: TCP ends the walk, a tunnel continues it.
bool decode_ip_step(DecodedPacket& pkt, const RawFrame& frame, Cursor& at, Protocol& p, bool inner) {
  if (inner) reset_for_inner(pkt.ip);
  const std::uint32_t ip_offset = offset_in(frame, at);
  // The reassembled datagram: as long as the frame, not the fragment.
  if (ip_offset == frame.rebuilt_ip_at)
    at = Cursor{ByteReader(frame.data.subspan(ip_offset)), frame.wirelen - ip_offset};
  if (p == Protocol::ipv4)
    decode_ipv4(at.rest, at.wire, pkt.ip);
  else
    decode_ipv6(at.rest, at.wire, pkt.ip);
  if (pkt.ip.anomaly != Anomaly::none) {
    fail(pkt, PacketKind::malformed, pkt.ip.anomaly);
    return false;
  }
  if (pkt.ip.is_fragment() && !pkt.fragment.present) {
    // An empty transport view may point nowhere: then nothing of the piece was captured.
    const Bytes t = pkt.ip.transport;
    const auto captured_end = t.empty() ? 0u : static_cast<std::uint32_t>(t.data() + t.size() - frame.data.data());
    pkt.fragment = fragment_view(pkt.ip, ip_offset, captured_end);
    pkt.fragment.context = pkt.encap.context();
  }
  if (pkt.ip.is_later_fragment()) {
    pkt.kind = PacketKind::ip_fragment;
    return false;
  }
  if (pkt.ip.transport_protocol == kIpProtoTcp) {
    pkt.kind = PacketKind::tcp;
    decode_tcp_into(pkt.ip.transport, pkt.ip.transport_length, pkt.tcp);
    pkt.anomaly = tcp_anomaly(pkt.tcp);
    if (pkt.anomaly == Anomaly::none && pkt.ip.missing_bytes != 0) pkt.anomaly = Anomaly::ip_length_exceeds_frame;
    return false;
  }
  // A tunnel in an atomic IPv6 fragment is not followed (a first fragment's
  // is, as tcpdump does: its inside is cut where the fragment ends).
  if (pkt.ip.first_fragment && !pkt.ip.is_fragment()) {
    fail(pkt, PacketKind::not_tcp, Anomaly::none);
    return false;
  }
  p = tunnel_in_ip(pkt, frame, at);
  if (p == Protocol::ip_by_version) {
    fail(pkt, PacketKind::malformed, Anomaly::truncated_encapsulation);
    return false;
  }
  if (p == Protocol::count_) {
    fail(pkt, PacketKind::malformed, Anomaly::encapsulation_too_deep);
    return false;
  }
  if (p == Protocol::unknown) {
    fail(pkt, PacketKind::not_tcp, Anomaly::none);
    return false;
  }
  return true;
}

// One header below the link or an IP header; false when the walk ends.
bool decode_encap_step(DecodedPacket& pkt, const RawFrame& frame, Cursor& at, Protocol& p, bool inside_ip) {
  const EncapStep s = encap_decoder(p)(at.rest);
  if (s.anomaly != Anomaly::none) {
    fail(pkt, PacketKind::malformed, s.anomaly);
    return false;
  }
  if (s.next == Protocol::unknown) {
    // Not IP (ARP, STP, a tunnel of something else): not an error.
    if (inside_ip)
      fail(pkt, PacketKind::not_tcp, Anomaly::none);
    else
      fail(pkt, PacketKind::not_ip, Anomaly::unsupported_link);
    return false;
  }
  if (s.kind != EncapKind::count_ && !record(pkt, s.kind, offset_in(frame, at), s.length, s.id, s.detail)) {
    fail(pkt, PacketKind::malformed, Anomaly::encapsulation_too_deep);
    return false;
  }
  if (s.tcpdump_stops) pkt.encap.tcpdump_stops = true;
  at.skip(s.length);
  // A payload length longer than what follows is taken as far as it goes,
  // as tcpdump ("[len N > M!]") and Wireshark ("possible bad payload
  // length") do; a shorter one cuts the payload.
  if (s.payload_limit != UINT32_MAX && s.payload_limit < at.wire) at.limit(s.payload_limit);
  p = s.next;
  return true;
}

}  // namespace

DecodedPacket decode_packet(int dlt, const RawFrame& frame) {
  DecodedPacket pkt;
  pkt.frame = &frame;
  Cursor at{ByteReader(frame.data), frame.wirelen};
  Protocol p = protocol_for_link_type(dlt);
  read_sll2_info(dlt, at.rest, pkt.link);
  bool inside_ip = false;
  for (int step = 0; step < kMaxSteps; ++step) {
    if (p == Protocol::ipv4 || p == Protocol::ipv6) {
      if (step != 0 && !inside_ip) pkt.link.header_length = offset_in(frame, at);
      if (!decode_ip_step(pkt, frame, at, p, inside_ip)) return pkt;
      inside_ip = true;
      continue;
    }
    if (p == Protocol::unknown) {
      fail(pkt, PacketKind::not_ip, Anomaly::unsupported_link);
      return pkt;
    }
    if (!decode_encap_step(pkt, frame, at, p, inside_ip)) {
      // A link header cut short is reported as before: truncated_link.
      if (!inside_ip && pkt.anomaly == Anomaly::truncated_encapsulation && pkt.encap.empty())
        pkt.anomaly = Anomaly::truncated_link;
      return pkt;
    }
  }
  // Every return names pkt itself, so it is built in place (NRVO): a
  // returned reference would copy the whole packet (~700 bytes) each time.
  fail(pkt, PacketKind::malformed, Anomaly::encapsulation_too_deep);
  return pkt;
}

}  // namespace tcplens
