// MPLS label stack entries (RFC 3032), one per step, and what follows the
// bottom of the stack: guessed from the first nibble as tcpdump and
// Wireshark do, since MPLS does not name its payload.
#include "tcplens/decode/encap_decoders.hpp"

namespace tcplens {

namespace {
constexpr std::uint32_t kBottomOfStack = 0x100;
constexpr std::uint32_t kIpv4ExplicitNull = 0;
constexpr std::uint32_t kIpv6ExplicitNull = 2;
constexpr std::uint32_t kImplicitNull = 3;

Protocol payload_after_stack(ByteReader at, std::uint32_t label) {
  if (label == kIpv4ExplicitNull || label == kImplicitNull) return Protocol::ipv4;
  if (label == kIpv6ExplicitNull) return Protocol::ipv6;
  const auto first = at.u8(4);
  if (!first) return Protocol::unknown;
  if (*first >= 0x45 && *first <= 0x4f) return Protocol::ipv4;
  if ((*first >> 4) == 6) return Protocol::ipv6;
  if ((*first >> 4) == 0) return Protocol::pw_control_word;  // RFC 4448 Ethernet pseudowire
  return Protocol::unknown;
}
}  // namespace

EncapStep decode_mpls_entry(ByteReader at) {
  const auto entry = at.be32(0);
  if (!entry) return encap_truncated();
  const std::uint32_t label = *entry >> 12;
  const bool bottom = (*entry & kBottomOfStack) != 0;
  const Protocol next = bottom ? payload_after_stack(at, label) : Protocol::mpls;
  return encap_step(next, 4, EncapKind::mpls, label, bottom ? 1 : 0);
}

// The 4-byte control word, then the emulated Ethernet frame.
EncapStep decode_pw_control_word(ByteReader at) {
  if (!at.has(0, 4)) return encap_truncated();
  EncapStep s = encap_step(Protocol::ethernet, 4, EncapKind::pw_control_word);
  s.tcpdump_stops = true;  // tcpdump prints the payload as hex
  return s;
}

}  // namespace tcplens
