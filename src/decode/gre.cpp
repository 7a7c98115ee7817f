// GRE (RFC 2784, 2890; v1 = PPTP's enhanced GRE, RFC 2637) and what rides
// in it besides IP: ERSPAN types I-III, WCCP redirection.
#include "tcplens/decode/encap_decoders.hpp"

namespace tcplens {

namespace {
constexpr std::uint16_t kChecksumPresent = 0x8000;
constexpr std::uint16_t kRoutingPresent = 0x4000;
constexpr std::uint16_t kKeyPresent = 0x2000;
constexpr std::uint16_t kSequencePresent = 0x1000;
constexpr std::uint16_t kAckPresent = 0x0080;  // v1
constexpr std::uint16_t kVersionMask = 0x0007;
constexpr std::uint16_t kErspan = 0x88be;  // type II, or type I without a sequence number
constexpr std::uint16_t kErspan3 = 0x22eb;
constexpr std::uint16_t kWccp = 0x883e;
constexpr std::uint16_t kPpp = 0x880b;

Protocol gre_payload(std::uint16_t proto, bool sequenced) {
  if (proto == kErspan) return sequenced ? Protocol::erspan2 : Protocol::erspan1;
  if (proto == kErspan3) return Protocol::erspan3;
  if (proto == kWccp) return Protocol::wccp;
  if (proto == kPpp) return Protocol::ppp;
  return protocol_for_ethertype(proto);
}

// tcpdump prints "gre-proto-0x..." for these and stops.
constexpr bool tcpdump_decodes(std::uint16_t proto) { return proto != kErspan && proto != kErspan3 && proto != kWccp; }
}  // namespace

EncapStep decode_gre(ByteReader at) {
  const auto flags = at.be16(0);
  const auto proto = at.be16(2);
  if (!flags || !proto) return encap_truncated();
  const std::uint8_t version = *flags & kVersionMask;
  if (version > 1 || (*flags & kRoutingPresent) != 0) return encap_bad();  // source routes: RFC 1701 only
  std::uint32_t length = 4;
  if ((*flags & kChecksumPresent) != 0) length += 4;
  std::uint32_t key = 0;
  if ((*flags & kKeyPresent) != 0) {
    const auto k = at.be32(length);
    if (!k) return encap_truncated();
    key = *k;
    length += 4;
  }
  const bool sequenced = (*flags & kSequencePresent) != 0;
  if (sequenced) length += 4;
  if (version == 1) {
    if (*proto != kPpp || (*flags & kKeyPresent) == 0) return encap_bad();
    if ((*flags & kAckPresent) != 0) length += 4;
  }
  if (!at.has(0, length)) return encap_truncated();
  EncapStep s = encap_step(gre_payload(*proto, sequenced), length, EncapKind::gre, key, version);
  if (version == 1) s.id = key & 0xffffu;  // the call id (the high half is the payload length)
  s.tcpdump_stops = !tcpdump_decodes(*proto) || version == 1;
  return s;
}

// Type I has no header of its own: the mirrored frame follows GRE.
EncapStep decode_erspan1(ByteReader) { return encap_step(Protocol::ethernet, 0, EncapKind::erspan, 0, 1); }

// Version 1 (type II): 8 bytes, session id in the low 10 bits of bytes 2-3.
EncapStep decode_erspan2(ByteReader at) {
  const auto word = at.be16(0);
  const auto session = at.be16(2);
  if (!word || !at.has(0, 8)) return encap_truncated();
  if ((*word >> 12) != 1) return encap_bad();
  return encap_step(Protocol::ethernet, 8, EncapKind::erspan, *session & 0x03ffu, 2);
}

// Version 2 (type III): 12 bytes, plus an 8-byte platform-specific
// subheader when the O flag (last bit of the third word) is set.
EncapStep decode_erspan3(ByteReader at) {
  const auto word = at.be16(0);
  const auto session = at.be16(2);
  const auto third = at.be32(8);
  if (!word || !session || !third) return encap_truncated();
  if ((*word >> 12) != 2) return encap_bad();
  const std::uint32_t length = (*third & 1u) != 0 ? 20 : 12;
  if (!at.has(0, length)) return encap_truncated();
  return encap_step(Protocol::ethernet, length, EncapKind::erspan, *session & 0x03ffu, 3);
}

// WCCP v2 redirection puts a 4-byte header before the IPv4 packet; v1 does
// not (Wireshark tells them apart by the first nibble the same way).
EncapStep decode_wccp(ByteReader at) {
  const auto first = at.u8(0);
  if (!first) return encap_truncated();
  if ((*first >> 4) == 4) return encap_step(Protocol::ipv4, 0, EncapKind::wccp);
  if (!at.has(0, 4)) return encap_truncated();
  return encap_step(Protocol::ipv4, 4, EncapKind::wccp);
}

}  // namespace tcplens
