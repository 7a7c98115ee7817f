#include "tcplens/decode/decoded_packet.hpp"

namespace tcplens {

namespace {

Anomaly tcp_anomaly(const TcpSegment& tcp) {
  switch (tcp.completeness) {
    case TcpCompleteness::no_ports:
    case TcpCompleteness::no_header: return Anomaly::truncated_tcp;
    case TcpCompleteness::header_too_short:
    case TcpCompleteness::header_too_long: return Anomaly::bad_tcp_header_length;
    case TcpCompleteness::complete: break;
  }
  return tcp.header_captured() ? Anomaly::none : Anomaly::truncated_tcp;
}

}  // namespace

DecodedPacket decode_packet(int dlt, const RawFrame& frame) {
  DecodedPacket pkt;
  pkt.frame = &frame;
  const ByteReader bytes(frame.data);
  pkt.link = decode_link_layer(dlt, bytes);
  if (pkt.link.network == NetworkProtocol::none) {
    pkt.anomaly = pkt.link.anomaly;
    pkt.kind = pkt.anomaly == Anomaly::unsupported_link ? PacketKind::not_ip : PacketKind::malformed;
    return pkt;
  }
  const ByteReader network(bytes.from(pkt.link.header_length));
  const std::uint32_t wire =
      frame.wirelen > pkt.link.header_length ? frame.wirelen - pkt.link.header_length : 0;
  if (pkt.link.network == NetworkProtocol::ipv4) decode_ipv4(network, wire, pkt.ip);
  else decode_ipv6(network, wire, pkt.ip);
  if (pkt.ip.anomaly != Anomaly::none || pkt.ip.transport_protocol != kIpProtoTcp) {
    pkt.anomaly = pkt.ip.anomaly;
    pkt.kind = pkt.anomaly == Anomaly::none ? PacketKind::not_tcp : PacketKind::malformed;
    return pkt;
  }
  pkt.kind = PacketKind::tcp;
  pkt.tcp = decode_tcp(pkt.ip.transport, pkt.ip.transport_length);
  pkt.anomaly = tcp_anomaly(pkt.tcp);
  if (pkt.anomaly == Anomaly::none && pkt.ip.missing_bytes != 0) pkt.anomaly = Anomaly::ip_length_exceeds_frame;
  return pkt;
}

}  // namespace tcplens
