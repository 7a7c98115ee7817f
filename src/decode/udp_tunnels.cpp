// Tunnels over UDP: VXLAN (RFC 7348), Geneve (RFC 8926), GTP-U (3GPP TS
// 29.281), Teredo (RFC 4380), AYIYA (draft-massar-v6ops-ayiya), CAPWAP data
// (RFC 5415). Each checks the fixed bits of its header, so a UDP packet that
// merely uses the port is not taken for a tunnel.
#include "tcplens/decode/encap_decoders.hpp"

namespace tcplens {

namespace {
constexpr std::uint8_t kVxlanVniValid = 0x08;
constexpr std::uint8_t kGtpVersion1 = 1;
constexpr std::uint8_t kGtpProtocolType = 0x10;
constexpr std::uint8_t kGtpOptionalFields = 0x07;
constexpr std::uint8_t kGtpExtensionFlag = 0x04;
constexpr std::uint8_t kGtpGpdu = 0xff;
constexpr std::uint16_t kTeredoAuthentication = 0x0001;
constexpr std::uint16_t kTeredoOrigin = 0x0000;
constexpr std::uint8_t kAyiyaForward = 1;

std::uint32_t be24(Bytes b, std::size_t at) {
  return (std::uint32_t{b[at]} << 16) | (std::uint32_t{b[at + 1]} << 8) | b[at + 2];
}

EncapStep not_a_tunnel() { return encap_step(Protocol::unknown, 0); }
}  // namespace

EncapStep decode_vxlan(ByteReader at) {
  if (!at.has(0, 8)) return encap_truncated();
  const auto b = at.bytes();
  if ((b[0] & kVxlanVniValid) == 0) return not_a_tunnel();
  return encap_step(Protocol::ethernet, 8, EncapKind::vxlan, be24(b, 4));
}

// Version 0 only; options are 4-byte words counted in the first byte.
EncapStep decode_geneve(ByteReader at) {
  if (!at.has(0, 8)) return encap_truncated();
  const auto b = at.bytes();
  if ((b[0] >> 6) != 0) return not_a_tunnel();
  const std::uint32_t length = 8 + (b[0] & 0x3fu) * 4;
  if (!at.has(0, length)) return encap_truncated();
  return encap_step(protocol_for_ethertype(load_be16(b.data() + 2)), length, EncapKind::geneve, be24(b, 4));
}

// G-PDUs only (user data); the optional fields come as one 4-byte block,
// and extension headers chain by their last byte (length in 4-byte units).
EncapStep decode_gtp_u(ByteReader at) {
  if (!at.has(0, 8)) return encap_truncated();
  const auto b = at.bytes();
  if ((b[0] >> 5) != kGtpVersion1 || (b[0] & kGtpProtocolType) == 0 || b[1] != kGtpGpdu) return not_a_tunnel();
  std::uint32_t length = 8;
  if ((b[0] & kGtpOptionalFields) != 0) {
    if (!at.has(0, 12)) return encap_truncated();
    length = 12;
    std::uint8_t next_extension = (b[0] & kGtpExtensionFlag) != 0 ? b[11] : 0;
    while (next_extension != 0) {
      const auto units = at.u8(length);
      if (!units) return encap_truncated();
      if (*units == 0) return encap_bad();
      const std::uint32_t ext = *units * 4u;
      if (!at.has(length, ext)) return encap_truncated();
      next_extension = b[length + ext - 1];
      length += ext;
    }
  }
  EncapStep s = encap_step(Protocol::ip_by_version, length, EncapKind::gtp_u, load_be32(b.data() + 4));
  s.tcpdump_stops = true;  // tcpdump has no GTP printer
  return s;
}

// L2TPv2 data messages (RFC 2661): flags and version, optional length,
// tunnel and session ids, optional Ns/Nr and offset padding, then PPP.
EncapStep decode_l2tp(ByteReader at) {
  const auto flags = at.be16(0);
  if (!flags) return encap_truncated();
  constexpr std::uint16_t kControl = 0x8000, kLength = 0x4000, kSequence = 0x0800, kOffset = 0x0200;
  if ((*flags & 0x000f) != 2 || (*flags & kControl) != 0) return not_a_tunnel();
  std::uint32_t length = 2;
  std::uint32_t declared = UINT32_MAX;
  if ((*flags & kLength) != 0) {
    const auto l = at.be16(2);
    if (!l) return encap_truncated();
    declared = *l;
    length += 2;
  }
  const auto tunnel = at.be16(length);
  const auto session = at.be16(length + 2);
  if (!tunnel || !session) return encap_truncated();
  length += 4;
  if ((*flags & kSequence) != 0) length += 4;
  if ((*flags & kOffset) != 0) {
    const auto pad = at.be16(length);
    if (!pad) return encap_truncated();
    length += 2u + *pad;
  }
  if (!at.has(0, length)) return encap_truncated();
  if (declared != UINT32_MAX && declared < length) return encap_bad();
  EncapStep s = encap_step(Protocol::ppp, length, EncapKind::l2tp, (std::uint32_t{*tunnel} << 16) | *session);
  if (declared != UINT32_MAX) s.payload_limit = declared - length;
  return s;
}

// Optional authentication and origin indication headers, then IPv6.
EncapStep decode_teredo(ByteReader at) {
  std::uint32_t length = 0;
  auto indicator = at.be16(length);
  if (indicator == kTeredoAuthentication) {
    const auto id_len = at.u8(2);
    const auto auth_len = at.u8(3);
    if (!id_len || !auth_len) return encap_truncated();
    length += 4u + *id_len + *auth_len + 9u;  // + nonce (8) and confirmation (1)
    indicator = at.be16(length);
  }
  if (indicator == kTeredoOrigin) length += 8;
  const auto first = at.u8(length);
  if (!first) return encap_truncated();
  if ((*first >> 4) != 6) return not_a_tunnel();
  EncapStep s = encap_step(Protocol::ipv6, length, EncapKind::teredo);
  s.tcpdump_stops = true;  // tcpdump prints Teredo as plain UDP
  return s;
}

EncapStep decode_ayiya(ByteReader at) {
  if (!at.has(0, 8)) return encap_truncated();
  const auto b = at.bytes();
  const std::uint32_t identity = 1u << (b[0] >> 4);
  const std::uint32_t signature = (b[1] >> 4) * 4u;
  const std::uint32_t length = 8 + identity + signature;
  if ((b[2] & 0x0f) != kAyiyaForward) return not_a_tunnel();
  if (!at.has(0, length)) return encap_truncated();
  const Protocol next = b[3] == 41 ? Protocol::ipv6 : b[3] == 4 ? Protocol::ipv4 : Protocol::unknown;
  EncapStep s = encap_step(next, length, EncapKind::ayiya);
  s.tcpdump_stops = true;
  return s;
}

// CAPWAP data: HLEN counts 4-byte words; T set means the wireless binding's
// native frames (WBID 1: 802.11), else 802.3.
EncapStep decode_capwap(ByteReader at) {
  if (!at.has(0, 4)) return encap_truncated();
  const auto b = at.bytes();
  if (b[0] != 0) return not_a_tunnel();  // version 0, CAPWAP header (not DTLS)
  const std::uint32_t word = load_be32(b.data());
  const std::uint32_t length = ((word >> 19) & 0x1fu) * 4;
  const std::uint32_t binding = (word >> 9) & 0x1fu;
  const bool native = (word & 0x100u) != 0;
  if (length < 8 || !at.has(0, length)) return encap_truncated();
  const Protocol next = !native ? Protocol::ethernet : binding == 1 ? Protocol::wlan : Protocol::unknown;
  EncapStep s = encap_step(next, length, EncapKind::capwap);
  s.tcpdump_stops = true;
  return s;
}

}  // namespace tcplens
