// PPP (RFC 1661) as a link type, in PPPoE sessions (RFC 2516) and in GRE
// v1, and Cisco HDLC framing.
#include "tcplens/decode/encap_decoders.hpp"

namespace tcplens {

namespace {
constexpr std::uint8_t kPppAddress = 0xff;
constexpr std::uint8_t kPppControl = 0x03;
constexpr std::uint8_t kChdlcUnicast = 0x0f;
constexpr std::uint8_t kChdlcMulticast = 0x8f;
constexpr std::uint32_t kPppoeHeader = 6;

constexpr bool is_chdlc_address(std::uint8_t b) { return b == kChdlcUnicast || b == kChdlcMulticast; }
}  // namespace

// Address and control (ff 03) are optional; a protocol whose first byte is
// odd was compressed to one byte (RFC 1661 section 6.5).
EncapStep decode_ppp(ByteReader at) {
  std::uint32_t offset = 0;
  const auto first = at.u8(0);
  if (!first) return encap_truncated();
  if (*first == kPppAddress) {
    if (at.u8(1) != kPppControl) return encap_bad();
    offset = 2;
  }
  const auto lead = at.u8(offset);
  if (!lead) return encap_truncated();
  if ((*lead & 1) != 0) return encap_step(protocol_for_ppp(*lead), offset + 1, EncapKind::ppp, *lead);
  const auto proto = at.be16(offset);
  if (!proto) return encap_truncated();
  return encap_step(protocol_for_ppp(*proto), offset + 2, EncapKind::ppp, *proto);
}

// LINKTYPE_PPP frames that are Cisco HDLC (0x0f/0x8f first): Wireshark
// decodes them; tcpdump's PPP printer does not.
EncapStep decode_ppp_link(ByteReader at) {
  const auto first = at.u8(0);
  if (!first) return encap_truncated();
  if (!is_chdlc_address(*first)) return decode_ppp(at);
  EncapStep s = decode_chdlc(at);
  s.tcpdump_stops = true;
  return s;
}

// LINKTYPE_PPP_HDLC: tcpdump names the PPP protocol ("IP: ") before the
// packet (detail 1 tells the renderer), or prints Cisco HDLC as such.
EncapStep decode_ppp_hdlc_link(ByteReader at) {
  const auto first = at.u8(0);
  if (!first) return encap_truncated();
  if (is_chdlc_address(*first)) return decode_chdlc(at);
  EncapStep s = decode_ppp(at);
  s.detail = 1;
  return s;
}

EncapStep decode_chdlc(ByteReader at) {
  const auto type = at.be16(2);
  if (!type) return encap_truncated();
  return encap_step(protocol_for_ethertype(*type), 4, EncapKind::chdlc);
}

// Version/type 0x11, code 0 (session data), session id, payload length,
// then PPP without address and control.
EncapStep decode_pppoe_session(ByteReader at) {
  if (!at.has(0, kPppoeHeader)) return encap_truncated();
  const auto b = at.bytes();
  if (b[0] != 0x11 || b[1] != 0x00) return encap_bad();
  const std::uint16_t length = load_be16(b.data() + 4);
  EncapStep s = encap_step(Protocol::ppp, kPppoeHeader, EncapKind::pppoe, load_be16(b.data() + 2));
  s.payload_limit = length;
  return s;
}

}  // namespace tcplens
