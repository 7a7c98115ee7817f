#include "tcplens/decode/ip_layer.hpp"

namespace tcplens {

namespace {
constexpr std::uint32_t kIpv4MinHeader = 20;
constexpr std::uint16_t kFragmentOffsetMask = 0x1fff;
constexpr std::uint16_t kMoreFragments = 0x2000;

}  // namespace

void decode_ipv4(ByteReader packet, std::uint32_t wire_length, IpLayer& ip) {
  ip.family = IpFamily::v4;
  if (!packet.has(0, kIpv4MinHeader)) return fail(ip, Anomaly::truncated_ip);
  const auto b = packet.bytes();
  if ((b[0] >> 4) != 4) return fail(ip, Anomaly::bad_ip_version);
  if (wire_length < kIpv4MinHeader) return fail(ip, Anomaly::truncated_ip);
  const std::uint32_t hlen = (b[0] & 0x0f) * 4u;
  if (hlen < kIpv4MinHeader) return fail(ip, Anomaly::bad_ip_header_length);

  std::uint32_t total = load_be16(b.data() + 2);
  // Total length 0: the segment was captured at the sender before the NIC's
  // segmentation offload (TSO/GSO, BIG TCP) filled the length in. Wireshark
  // takes the frame's length ("assuming TSO"); tcpdump prints "bad-len 0".
  if (total == 0 && wire_length >= hlen) {
    total = wire_length;
    ip.length_from_frame = true;
  }
  if (wire_length < total) ip.missing_bytes = total - wire_length;
  if (total < hlen) return fail(ip, Anomaly::bad_ip_total_length);

  ip.src = IpAddress::v4_at(b.data() + 12);
  ip.dst = IpAddress::v4_at(b.data() + 16);
  ip.ip_id = load_be16(b.data() + 4);
  ip.ttl = b[8];
  ip.header_protocol = ip.transport_protocol = b[9];
  ip.header_length = hlen;
  ip.transport_length = total - hlen;

  const std::uint16_t frag = load_be16(b.data() + 6);
  ip.more_fragments = (frag & kMoreFragments) != 0;
  ip.fragment_offset = (frag & kFragmentOffsetMask) * 8u;
  ip.fragment_id = ip.ip_id;
  ip.unfragmentable_length = hlen;
  ip.first_fragment = ip.more_fragments && ip.fragment_offset == 0;
  if (!packet.has(0, hlen)) return fail(ip, Anomaly::truncated_ip);
  // Bytes past the IP total length (Ethernet padding) are not part of the segment.
  ip.transport = packet.slice(hlen, total - hlen);
}

}  // namespace tcplens
