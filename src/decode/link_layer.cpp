#include "tcplens/decode/link_layer.hpp"

#include "tcplens/decode/encap_decoders.hpp"

namespace tcplens {

bool link_type_supported(int dlt) { return protocol_for_link_type(dlt) != Protocol::unknown; }

void read_sll2_info(int dlt, ByteReader frame, LinkLayer& link) {
  if (protocol_for_link_type(dlt) != Protocol::linux_sll2 || !frame.has(0, 20)) return;
  link.has_sll2 = true;
  link.sll2_ifindex = *frame.be32(4);
  link.sll2_packet_type = *frame.u8(10);
}

// The same walk as decode_packet's, stopping at the first IP header.
LinkLayer decode_link_layer(int dlt, ByteReader frame) {
  LinkLayer link;
  read_sll2_info(dlt, frame, link);
  Protocol p = protocol_for_link_type(dlt);
  std::uint32_t offset = 0;
  for (int step = 0; step < 64; ++step) {
    if (p == Protocol::ipv4 || p == Protocol::ipv6) {
      link.network = p == Protocol::ipv4 ? NetworkProtocol::ipv4 : NetworkProtocol::ipv6;
      link.header_length = offset;
      return link;
    }
    if (p == Protocol::unknown) break;
    const EncapStep s = encap_decoder(p)(ByteReader(frame.from(offset)));
    if (s.anomaly != Anomaly::none) {
      link.anomaly = s.anomaly == Anomaly::truncated_encapsulation ? Anomaly::truncated_link : s.anomaly;
      return link;
    }
    offset += s.length;
    p = s.next;
  }
  link.anomaly = Anomaly::unsupported_link;
  return link;
}

}  // namespace tcplens
