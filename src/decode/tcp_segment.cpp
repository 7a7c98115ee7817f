#include "tcplens/decode/tcp_segment.hpp"

namespace tcplens {

TcpSegment decode_tcp(Bytes captured, std::uint32_t segment_length) {
  TcpSegment tcp;
  decode_tcp_into(captured, segment_length, tcp);
  return tcp;
}

void decode_tcp_into(Bytes captured, std::uint32_t segment_length, TcpSegment& tcp) {
  tcp.captured = captured;
  tcp.segment_length = segment_length;
  const ByteReader r(captured);
  if (!r.has(0, 4)) return;  // no_ports
  tcp.src_port = *r.be16(0);
  tcp.dst_port = *r.be16(2);
  if (!r.has(0, kTcpMinHeader)) {
    tcp.completeness = TcpCompleteness::no_header;
    return;
  }
  const auto* p = captured.data();
  tcp.seq = load_be32(p + 4);
  tcp.ack = load_be32(p + 8);
  tcp.header_length = (p[12] >> 4) * 4u;
  tcp.flags = p[13];
  tcp.window = load_be16(p + 14);
  tcp.checksum = load_be16(p + 16);
  tcp.urgent = load_be16(p + 18);
  if (tcp.header_length < kTcpMinHeader)
    tcp.completeness = TcpCompleteness::header_too_short;
  else if (tcp.header_length > segment_length)
    tcp.completeness = TcpCompleteness::header_too_long;
  else
    tcp.completeness = TcpCompleteness::complete;
}

}  // namespace tcplens
