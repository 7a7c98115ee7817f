// Ethernet II / 802.3 frames and what rides in them before IP: VLAN tags,
// 802.1ah I-tags, 802.2 LLC/SNAP, Cisco FabricPath.
#include "tcplens/decode/encap_decoders.hpp"

namespace tcplens {

namespace {
constexpr std::uint32_t kEthernetHeader = 14;
constexpr std::uint8_t kLlcSnapSap = 0xaa;
constexpr std::uint8_t kLlcUnnumbered = 0x03;
}  // namespace

EncapStep decode_ethernet_header(ByteReader at) {
  const auto type = at.be16(12);
  if (!type) return encap_truncated();
  return encap_step(protocol_for_ethertype(*type), kEthernetHeader);
}

// TCI then the EtherType of what follows.
EncapStep decode_vlan_tag(ByteReader at) {
  const auto tci = at.be16(0);
  const auto type = at.be16(2);
  if (!tci || !type) return encap_truncated();
  return encap_step(protocol_for_ethertype(*type), 4, EncapKind::vlan, *tci & 0x0fffu);
}

// I-tag (flags and a 24-bit I-SID), then the customer's Ethernet header.
EncapStep decode_pbb_itag(ByteReader at) {
  const auto tag = at.be32(0);
  if (!tag) return encap_truncated();
  EncapStep s = encap_step(Protocol::ethernet, 4, EncapKind::pbb, *tag & 0x00ffffffu);
  s.tcpdump_stops = true;  // tcpdump 4.99 prints 0x88e7 as an unknown EtherType
  return s;
}

// 802.2 LLC: only SNAP with an EtherType (OUI 0) carries IP here.
EncapStep decode_llc(ByteReader at) {
  if (!at.has(0, 8)) return encap_truncated();
  const auto b = at.bytes();
  if (b[0] != kLlcSnapSap || b[1] != kLlcSnapSap || b[2] != kLlcUnnumbered) return encap_step(Protocol::unknown, 0);
  const bool ethertype_oui = b[3] == 0 && b[4] == 0 && b[5] == 0;
  if (!ethertype_oui) return encap_step(Protocol::unknown, 0);
  return encap_step(protocol_for_ethertype(load_be16(b.data() + 6)), 8, EncapKind::llc_snap);
}

// FabricPath: the outer header's EtherType 0x8903 is followed by the FTag
// and TTL (2 bytes), then the classic Ethernet frame.
EncapStep decode_fabricpath(ByteReader at) {
  if (!at.has(0, 2)) return encap_truncated();
  EncapStep s = encap_step(Protocol::ethernet, 2, EncapKind::fabricpath);
  s.tcpdump_stops = true;  // tcpdump has no FabricPath printer
  return s;
}

}  // namespace tcplens
