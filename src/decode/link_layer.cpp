#include "tcplens/decode/link_layer.hpp"

namespace tcplens {

namespace {

constexpr std::uint16_t kEtherTypeIpv4 = 0x0800;
constexpr std::uint16_t kEtherTypeIpv6 = 0x86dd;

constexpr bool is_vlan_ethertype(std::uint16_t t) {
  return t == 0x8100 || t == 0x88a8 || t == 0x9100 || t == 0x9200;
}

LinkLayer from_ethertype(std::uint16_t type, std::uint32_t offset) {
  LinkLayer link;
  link.header_length = offset;
  if (type == kEtherTypeIpv4) link.network = NetworkProtocol::ipv4;
  else if (type == kEtherTypeIpv6) link.network = NetworkProtocol::ipv6;
  else link.anomaly = Anomaly::unsupported_link;
  return link;
}

LinkLayer truncated() {
  LinkLayer link;
  link.anomaly = Anomaly::truncated_link;
  return link;
}

LinkLayer decode_ethernet(ByteReader frame) {
  std::uint32_t offset = 12;
  auto type = frame.be16(offset);
  // 802.1Q / 802.1ad tags, possibly stacked.
  while (type && is_vlan_ethertype(*type)) {
    offset += 4;
    type = frame.be16(offset);
  }
  if (!type) return truncated();
  return from_ethertype(*type, offset + 2);
}

LinkLayer from_address_family(std::uint32_t family) {
  LinkLayer link;
  link.header_length = 4;
  if (family == 2) link.network = NetworkProtocol::ipv4;
  else if (family == 10 || family == 24 || family == 28 || family == 30) link.network = NetworkProtocol::ipv6;
  else link.anomaly = Anomaly::unsupported_link;
  return link;
}

LinkLayer decode_null(ByteReader frame) {
  if (!frame.has(0, 4)) return truncated();
  const auto b = frame.bytes();
  // Host byte order of the capturing machine: a family fits in the low 16 bits.
  std::uint32_t family = b[0] | (b[1] << 8) | (b[2] << 16) | (std::uint32_t{b[3]} << 24);
  if ((family & 0xFFFF0000u) != 0) family = load_be32(b.data());
  return from_address_family(family);
}

LinkLayer decode_loop(ByteReader frame) {
  const auto family = frame.be32(0);
  if (!family) return truncated();
  return from_address_family(*family);
}

LinkLayer decode_raw(ByteReader frame, std::uint32_t offset) {
  const auto first = frame.u8(offset);
  if (!first) return truncated();
  LinkLayer link;
  link.header_length = offset;
  const int version = *first >> 4;
  if (version == 4) link.network = NetworkProtocol::ipv4;
  else if (version == 6) link.network = NetworkProtocol::ipv6;
  else link.anomaly = Anomaly::bad_ip_version;
  return link;
}

LinkLayer decode_sll(ByteReader frame) {
  const auto protocol = frame.be16(14);
  if (!protocol || !frame.has(0, 16)) return truncated();
  return from_ethertype(*protocol, 16);
}

LinkLayer decode_sll2(ByteReader frame) {
  if (!frame.has(0, 20)) return truncated();
  LinkLayer link = from_ethertype(*frame.be16(0), 20);
  link.has_sll2 = true;
  link.sll2_ifindex = *frame.be32(4);
  link.sll2_packet_type = *frame.u8(10);
  return link;
}

}  // namespace

bool link_type_supported(int dlt) {
  switch (static_cast<LinkType>(dlt)) {
    case LinkType::null:
    case LinkType::ethernet:
    case LinkType::raw:
    case LinkType::raw_openbsd:
    case LinkType::loop:
    case LinkType::linux_sll:
    case LinkType::ipv4:
    case LinkType::ipv6:
    case LinkType::linux_sll2:
      return true;
  }
  return false;
}

LinkLayer decode_link_layer(int dlt, ByteReader frame) {
  switch (static_cast<LinkType>(dlt)) {
    case LinkType::ethernet: return decode_ethernet(frame);
    case LinkType::null: return decode_null(frame);
    case LinkType::loop: return decode_loop(frame);
    case LinkType::raw:
    case LinkType::raw_openbsd:
    case LinkType::ipv4:
    case LinkType::ipv6: return decode_raw(frame, 0);
    case LinkType::linux_sll: return decode_sll(frame);
    case LinkType::linux_sll2: return decode_sll2(frame);
  }
  LinkLayer link;
  link.anomaly = Anomaly::unsupported_link;
  return link;
}

}  // namespace tcplens
