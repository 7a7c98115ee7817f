// The link-layer headers of capture link types other than Ethernet and
// PPP: BSD loopback, Linux cooked v1/v2, NFLOG, IP over InfiniBand, ARCNET,
// Juniper's PIC cookie, raw IP.
#include "tcplens/decode/encap_decoders.hpp"

namespace tcplens {

namespace {
constexpr std::uint32_t kSllHeader = 16;
constexpr std::uint32_t kSll2Header = 20;
constexpr std::uint32_t kIpoibHeader = 44;
constexpr std::uint16_t kNflogPayload = 9;
constexpr std::uint8_t kArcnetIpOld = 240;
constexpr std::uint8_t kArcnetIp = 212;
constexpr std::uint8_t kArcnetIpv6 = 0xc4;
constexpr std::uint32_t kJuniperMagic = 0x4d4743;  // "MGC"
constexpr std::uint8_t kJuniperNoL2 = 0x02;
constexpr std::uint8_t kJuniperExtensions = 0x80;

Protocol from_address_family(std::uint32_t family) {
  if (family == 2) return Protocol::ipv4;
  if (family == 10 || family == 24 || family == 28 || family == 30) return Protocol::ipv6;
  return Protocol::unknown;
}

std::uint16_t le16(Bytes b, std::size_t at) { return static_cast<std::uint16_t>(b[at] | (b[at + 1] << 8)); }
}  // namespace

// Host byte order of the capturing machine: a family fits in the low 16 bits.
EncapStep decode_bsd_null(ByteReader at) {
  if (!at.has(0, 4)) return encap_truncated();
  const auto b = at.bytes();
  std::uint32_t family = b[0] | (b[1] << 8) | (b[2] << 16) | (std::uint32_t{b[3]} << 24);
  if ((family & 0xFFFF0000u) != 0) family = load_be32(b.data());
  return encap_step(from_address_family(family), 4);
}

EncapStep decode_bsd_loop(ByteReader at) {
  const auto family = at.be32(0);
  if (!family) return encap_truncated();
  return encap_step(from_address_family(*family), 4);
}

EncapStep decode_linux_sll(ByteReader at) {
  const auto protocol = at.be16(14);
  if (!protocol || !at.has(0, kSllHeader)) return encap_truncated();
  return encap_step(protocol_for_ethertype(*protocol), kSllHeader);
}

// The interface index and packet type are printed by tcpdump; the packet
// decoder copies them into LinkLayer.
EncapStep decode_linux_sll2(ByteReader at) {
  if (!at.has(0, kSll2Header)) return encap_truncated();
  return encap_step(protocol_for_ethertype(*at.be16(0)), kSll2Header);
}

// NFLOG: family, version, resource id, then TLVs (host byte order, padded
// to 4); the packet is the value of the payload TLV.
EncapStep decode_nflog(ByteReader at) {
  if (!at.has(0, 4)) return encap_truncated();
  const auto b = at.bytes();
  const Protocol family = b[0] == 2 ? Protocol::ipv4 : b[0] == 10 ? Protocol::ipv6 : Protocol::unknown;
  std::size_t offset = 4;
  while (at.has(offset, 4)) {
    const std::uint16_t length = le16(b, offset);
    const std::uint16_t type = le16(b, offset + 2) & 0x7fff;
    if (length < 4) return encap_bad();
    if (type == kNflogPayload) {
      EncapStep s = encap_step(family, static_cast<std::uint32_t>(offset + 4), EncapKind::nflog);
      s.payload_limit = length - 4u;
      return s;
    }
    offset += (length + 3u) & ~3u;
  }
  return encap_step(Protocol::unknown, 0);  // no packet logged (or not captured)
}

// 40 bytes of addresses, then EtherType and 2 reserved bytes... as tcpdump
// reads it: EtherType at 40 of a 44-byte header.
EncapStep decode_ipoib(ByteReader at) {
  const auto type = at.be16(40);
  if (!type || !at.has(0, kIpoibHeader)) return encap_truncated();
  return encap_step(protocol_for_ethertype(*type), kIpoibHeader, EncapKind::ipoib);
}

// Linux ARCNET: source, destination, offset (2), protocol, then for the
// RFC 1201 protocols split flag and sequence (3 more bytes).
EncapStep decode_arcnet_linux(ByteReader at) {
  const auto type = at.u8(4);
  if (!type) return encap_truncated();
  const std::uint32_t length = *type == kArcnetIpOld ? 5 : 8;
  if (!at.has(0, length)) return encap_truncated();
  const Protocol next = (*type == kArcnetIp || *type == kArcnetIpOld) ? Protocol::ipv4
                        : *type == kArcnetIpv6                        ? Protocol::ipv6
                                                                      : Protocol::unknown;
  return encap_step(next, length, EncapKind::arcnet, *type);
}

// "MGC", flags, optional extension TLVs (2-byte total length), then either
// Ethernet or, with the no-L2 flag, 4 more bytes and IP.
EncapStep decode_juniper_ether(ByteReader at) {
  const auto head = at.be32(0);
  if (!head) return encap_truncated();
  if ((*head >> 8) != kJuniperMagic) return encap_bad();
  const std::uint8_t flags = *head & 0xff;
  std::uint32_t length = 4;
  if ((flags & kJuniperExtensions) != 0) {
    const auto ext = at.be16(4);
    if (!ext) return encap_truncated();
    length += 2u + *ext;
  }
  Protocol next = Protocol::ethernet;
  if ((flags & kJuniperNoL2) != 0) {
    length += 4;
    next = Protocol::ip_by_version;
  }
  if (!at.has(0, length)) return encap_truncated();
  return encap_step(next, length, EncapKind::juniper);
}

EncapStep decode_ip_by_version(ByteReader at) {
  const auto first = at.u8(0);
  if (!first) return encap_truncated();
  const int version = *first >> 4;
  if (version == 4) return encap_step(Protocol::ipv4, 0);
  if (version == 6) return encap_step(Protocol::ipv6, 0);
  EncapStep s;
  s.anomaly = Anomaly::bad_ip_version;
  return s;
}

}  // namespace tcplens
