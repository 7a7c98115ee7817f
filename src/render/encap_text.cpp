#include "tcplens/render/encap_text.hpp"

#include "tcplens/render/ip6_extension_text.hpp"

namespace tcplens {

namespace {

ByteReader layer_bytes(const DecodedPacket& pkt, const EncapLayer& l) {
  return ByteReader(ByteReader(pkt.frame->data).from(l.offset));
}

IpLayer outer_ip(const DecodedPacket& pkt, const EncapLayer& l) {
  IpLayer ip;
  const ByteReader at = layer_bytes(pkt, l);
  if (l.detail == 4)
    decode_ipv4(at, UINT32_MAX, ip);
  else
    decode_ipv6(at, UINT32_MAX, ip);
  return ip;
}

void render_ip_addresses(TextBuffer& out, const IpLayer& ip) {
  append(out, ip.family == IpFamily::v4 ? "IP " : "IP6 ");
  print(out, FMT_COMPILE("{} > {}: "), ip.src.text().view(), ip.dst.text().view());
  for (std::uint8_t i = 0; i < ip.extension_count; ++i) render_ip6_extension(out, ip.extensions[i]);
}

void render_udp_addresses(TextBuffer& out, const IpLayer& ip, ByteReader udp) {
  append(out, ip.family == IpFamily::v4 ? "IP " : "IP6 ");
  print(out, FMT_COMPILE("{}.{} > {}.{}: "), ip.src.text().view(), udp.be16(0).value_or(0), ip.dst.text().view(),
        udp.be16(2).value_or(0));
}

// "MPLS" once, then each entry of the stack, then a space before IP.
void render_mpls_entry(TextBuffer& out, ByteReader at, bool first) {
  const std::uint32_t entry = at.be32(0).value_or(0);
  if (first) append(out, "MPLS");
  print(out, FMT_COMPILE(" (label {}, tc {}"), entry >> 12, (entry >> 9) & 7u);
  if ((entry & 0x100u) != 0) append(out, ", [S]");
  print(out, FMT_COMPILE(", ttl {})"), entry & 0xffu);
  if ((entry & 0x100u) != 0) append(out, " ");
}

void render_gre(TextBuffer& out, ByteReader at, std::uint32_t length) {
  const std::uint16_t flags = at.be16(0).value_or(0);
  print(out, FMT_COMPILE("GREv{}"), flags & 7u);
  std::uint32_t offset = 4;
  if ((flags & 0x8000u) != 0) {
    print(out, FMT_COMPILE(", off 0x{:x}"), at.be16(6).value_or(0));
    offset += 4;
  }
  if ((flags & 0x2000u) != 0) {
    print(out, FMT_COMPILE(", key=0x{:x}"), at.be32(offset).value_or(0));
    offset += 4;
  }
  if ((flags & 0x1000u) != 0) print(out, FMT_COMPILE(", seq {}"), at.be32(offset).value_or(0));
  print(out, FMT_COMPILE(", length {}: "), length);
}

void render_vxlan(TextBuffer& out, ByteReader at) {
  const std::uint8_t flags = at.u8(0).value_or(0);
  const std::uint32_t vni = at.be32(4).value_or(0) >> 8;
  print(out, FMT_COMPILE("VXLAN, flags [{}] (0x{:02x}), vni {}\n"), flags == 0x08 ? "I" : "invalid", flags, vni);
}

// Flag letters run together (bittok2str_nosep), "none" when none is set.
void render_geneve(TextBuffer& out, ByteReader at) {
  const std::uint8_t first = at.u8(0).value_or(0);
  const std::uint8_t flags = at.u8(1).value_or(0);
  static constexpr std::pair<std::uint8_t, std::string_view> kFlags[] = {
      {0x80, "O"}, {0x40, "C"}, {0x20, "R1"}, {0x10, "R2"}, {0x08, "R3"}, {0x04, "R4"}, {0x02, "R5"}, {0x01, "R6"}};
  append(out, "Geneve, Flags [");
  if ((flags & 0xff) == 0) append(out, "none");
  for (const auto& [bit, name] : kFlags)
    if ((flags & bit) != 0) append(out, name);
  const std::uint32_t word = at.be32(4).value_or(0);
  print(out, FMT_COMPILE("], vni 0x{:x}"), word >> 8);
  if ((word & 0xff) != 0) print(out, FMT_COMPILE(", rsvd 0x{:x}"), word & 0xffu);
  const std::uint32_t options = (first & 0x3fu) * 4;
  if (options > 0) print(out, FMT_COMPILE(", options [{} bytes]"), options);
  append(out, ": ");
}

// LINKTYPE_PPP_HDLC's "IP: " (tcpdump's ppptype2str).
void render_ppp_protocol(TextBuffer& out, std::uint32_t protocol) {
  switch (protocol) {
    case 0x0021:
      append(out, "IP: ");
      break;
    case 0x0057:
      append(out, "IP6: ");
      break;
    case 0x0281:
    case 0x0283:
      append(out, "MPLS: ");
      break;
    default:
      print(out, FMT_COMPILE("unknown PPP protocol (0x{:04x}): "), protocol);
  }
}

// PPPoE session data: "PPPoE " (the session code's name is empty), the
// session id, and a length longer than the frame flagged as tcpdump does.
void render_pppoe(TextBuffer& out, const DecodedPacket& pkt, const EncapLayer& l) {
  append(out, "PPPoE ");
  const std::uint32_t declared = ByteReader(ByteReader(pkt.frame->data).from(l.offset)).be16(4).value_or(0);
  const std::uint32_t end = l.offset + 6u;
  const std::uint32_t available = pkt.frame->wirelen > end ? pkt.frame->wirelen - end : 0;
  if (declared > available) print(out, FMT_COMPILE(" [len {} > {}!]"), declared, available);
  if (l.id != 0) print(out, FMT_COMPILE(" [ses 0x{:x}]"), l.id);
  append(out, " ");
}

// Radiotap fields tcpdump prints without -v: the TSF timer and the rate
// (the flags field prints nothing when no flag is set). Other fields are
// not rendered (no capture in the corpora has them).
void render_radiotap(TextBuffer& out, ByteReader at) {
  const auto b = at.bytes();
  if (b.size() < 8) return;
  const std::uint32_t present = b[4] | (b[5] << 8) | (b[6] << 16) | (std::uint32_t{b[7]} << 24);
  std::size_t offset = 8;
  for (std::uint32_t word = present; (word & 0x80000000u) != 0 && offset + 4 <= b.size(); offset += 4)
    word = b[offset] | (b[offset + 1] << 8) | (b[offset + 2] << 16) | (std::uint32_t{b[offset + 3]} << 24);
  if ((present & 0x1u) != 0) {  // TSFT, 8 bytes aligned to 8
    offset = (offset + 7) & ~std::size_t{7};
    if (offset + 8 > b.size()) return;
    std::uint64_t tsft = 0;
    for (int i = 7; i >= 0; --i) tsft = (tsft << 8) | b[offset + static_cast<std::size_t>(i)];
    print(out, FMT_COMPILE("{}us tsft "), tsft);
    offset += 8;
  }
  if ((present & 0x2u) != 0) ++offset;  // flags
  if ((present & 0x4u) != 0 && offset < b.size() && b[offset] != 0)
    print(out, FMT_COMPILE("{:.1f} Mb/s "), b[offset] * 0.5);
}

// " l2tp:[LS](tunnel/session)Ns=..,Nr=.. {" (tcpdump closes the brace
// after the PPP payload, past the --plain cut).
void render_l2tp(TextBuffer& out, ByteReader at) {
  const std::uint16_t flags = at.be16(0).value_or(0);
  append(out, " l2tp:[");
  static constexpr std::pair<std::uint16_t, std::string_view> kFlags[] = {
      {0x8000, "T"}, {0x4000, "L"}, {0x0800, "S"}, {0x0200, "O"}, {0x0100, "P"}};
  for (const auto& [bit, name] : kFlags)
    if ((flags & bit) != 0) append(out, name);
  std::uint32_t offset = (flags & 0x4000) != 0 ? 4 : 2;
  print(out, FMT_COMPILE("]({}/{})"), at.be16(offset).value_or(0), at.be16(offset + 2).value_or(0));
  offset += 4;
  if ((flags & 0x0800) != 0)
    print(out, FMT_COMPILE("Ns={},Nr={}"), at.be16(offset).value_or(0), at.be16(offset + 2).value_or(0));
  append(out, " {");
}

}  // namespace

void render_encap_prefix(TextBuffer& out, const DecodedPacket& pkt) {
  bool mpls_started = false;
  for (std::uint8_t i = 0; i < pkt.encap.count; ++i) {
    const EncapLayer& l = pkt.encap.layers[i];
    const ByteReader at = layer_bytes(pkt, l);
    switch (l.kind) {
      case EncapKind::mpls:
        render_mpls_entry(out, at, !mpls_started);
        mpls_started = (l.detail == 0);
        break;
      case EncapKind::pppoe:
        render_pppoe(out, pkt, l);
        break;
      case EncapKind::ppp:
        if (l.detail == 1) render_ppp_protocol(out, l.id);
        break;
      case EncapKind::radiotap:
        render_radiotap(out, at);
        break;
      case EncapKind::ip_tunnel:
        render_ip_addresses(out, outer_ip(pkt, l));
        break;
      case EncapKind::ip_outer: {
        const IpLayer ip = outer_ip(pkt, l);
        const bool udp = i + 1 < pkt.encap.count && pkt.encap.layers[i + 1].kind == EncapKind::udp;
        if (udp)
          render_udp_addresses(out, ip, ByteReader(ip.transport));
        else
          render_ip_addresses(out, ip);
        if (!udp && i + 1 < pkt.encap.count && pkt.encap.layers[i + 1].kind == EncapKind::gre)
          render_gre(out, layer_bytes(pkt, pkt.encap.layers[i + 1]), ip.transport_length);
        break;
      }
      case EncapKind::vxlan:
        render_vxlan(out, at);
        break;
      case EncapKind::geneve:
        render_geneve(out, at);
        break;
      case EncapKind::l2tp:
        render_l2tp(out, at);
        break;
      default:
        break;  // nothing without -e, or tcpdump stops (see tcpdump_stops)
    }
  }
}

void render_encap_suffix(TextBuffer& out, const DecodedPacket& pkt) {
  for (const EncapLayer& l : pkt.encap)
    if (l.kind == EncapKind::l2tp) out.push_back('}');
}

}  // namespace tcplens
