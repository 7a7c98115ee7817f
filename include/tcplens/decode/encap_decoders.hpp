// The decoders of every header that can sit between a frame's start and its
// IP header, or between an outer IP header and an inner one. Each is pure:
// it reads one header and says how long it was, what follows, and what to
// record. One table (protocol_table.cpp) maps a protocol to its decoder and
// the numbers that name protocols (link types, EtherTypes, PPP protocols,
// IP protocols, UDP ports) to protocols. No decoder knows what is above it.
#pragma once
#include <cstdint>

#include "tcplens/core/anomaly.hpp"
#include "tcplens/core/bytes.hpp"
#include "tcplens/decode/encapsulation.hpp"

namespace tcplens {

enum class Protocol : std::uint8_t {
  unknown,  // not decoded: the frame is not TCP for tcplens
  ipv4,
  ipv6,
  ip_by_version,  // IPv4 or IPv6, told apart by the version nibble
  ethernet,
  vlan,
  pbb_itag,
  mpls,
  pw_control_word,
  pppoe_session,
  ppp,            // PPP protocol field, address/control optional
  ppp_link,       // LINKTYPE_PPP: PPP, or Cisco HDLC framing as Wireshark detects it
  ppp_hdlc_link,  // LINKTYPE_PPP_HDLC: PPP in HDLC framing, or Cisco HDLC
  chdlc,
  llc,
  fabricpath,
  gre,
  erspan1,
  erspan2,
  erspan3,
  wccp,
  vxlan,
  geneve,
  gtp_u,
  l2tp,
  teredo,
  ayiya,
  capwap,
  wlan,
  radiotap,
  nflog,
  ipoib,
  arcnet_linux,
  juniper_ether,
  bsd_null,
  bsd_loop,
  linux_sll,
  linux_sll2,
  count_
};

// 16 bytes, so that it comes back in two registers: returned through
// memory, its fields' narrow stores and the caller's wider loads stalled
// store forwarding on every header.
struct EncapStep {
  Protocol next = Protocol::unknown;
  Anomaly anomaly = Anomaly::none;
  EncapKind kind = EncapKind::count_;  // count_: nothing to record
  std::uint8_t detail = 0;
  bool tcpdump_stops = false;  // tcpdump prints no TCP line past this header
  std::uint16_t length = 0;    // bytes of this header
  std::uint32_t id = 0;
  std::uint32_t payload_limit = UINT32_MAX;  // the header says its payload is this long (PPPoE)
};
static_assert(sizeof(EncapStep) == 16);

using EncapDecoder = EncapStep (*)(ByteReader at);

// Null for ipv4/ipv6/unknown: the packet decoder handles those itself.
EncapDecoder encap_decoder(Protocol p);

Protocol protocol_for_link_type(int dlt);
Protocol protocol_for_ethertype(std::uint16_t type);
Protocol protocol_for_ppp(std::uint16_t ppp_protocol);
// IP payloads that are another header tcplens decodes (IP in IP, GRE).
Protocol protocol_for_ip_payload(std::uint8_t ip_protocol);
// UDP tunnels by port, the lower port first as Wireshark tries them.
Protocol protocol_for_udp_ports(std::uint16_t src, std::uint16_t dst);

// The decoders, by protocol family (one file each).
EncapStep decode_ethernet_header(ByteReader at);
EncapStep decode_vlan_tag(ByteReader at);
EncapStep decode_pbb_itag(ByteReader at);
EncapStep decode_llc(ByteReader at);
EncapStep decode_fabricpath(ByteReader at);
EncapStep decode_mpls_entry(ByteReader at);
EncapStep decode_pw_control_word(ByteReader at);
EncapStep decode_pppoe_session(ByteReader at);
EncapStep decode_ppp(ByteReader at);
EncapStep decode_ppp_link(ByteReader at);
EncapStep decode_ppp_hdlc_link(ByteReader at);
EncapStep decode_chdlc(ByteReader at);
EncapStep decode_gre(ByteReader at);
EncapStep decode_erspan1(ByteReader at);
EncapStep decode_erspan2(ByteReader at);
EncapStep decode_erspan3(ByteReader at);
EncapStep decode_wccp(ByteReader at);
EncapStep decode_vxlan(ByteReader at);
EncapStep decode_geneve(ByteReader at);
EncapStep decode_gtp_u(ByteReader at);
EncapStep decode_l2tp(ByteReader at);
EncapStep decode_teredo(ByteReader at);
EncapStep decode_ayiya(ByteReader at);
EncapStep decode_capwap(ByteReader at);
EncapStep decode_wlan(ByteReader at);
EncapStep decode_radiotap(ByteReader at);
EncapStep decode_nflog(ByteReader at);
EncapStep decode_ipoib(ByteReader at);
EncapStep decode_arcnet_linux(ByteReader at);
EncapStep decode_juniper_ether(ByteReader at);
EncapStep decode_bsd_null(ByteReader at);
EncapStep decode_bsd_loop(ByteReader at);
EncapStep decode_linux_sll(ByteReader at);
EncapStep decode_linux_sll2(ByteReader at);
EncapStep decode_ip_by_version(ByteReader at);

// Helpers shared by the decoders.
inline EncapStep encap_truncated() {
  EncapStep s;
  s.anomaly = Anomaly::truncated_encapsulation;
  return s;
}
inline EncapStep encap_bad() {
  EncapStep s;
  s.anomaly = Anomaly::bad_encapsulation;
  return s;
}
inline EncapStep encap_step(Protocol next, std::uint32_t length, EncapKind kind = EncapKind::count_,
                            std::uint32_t id = 0, std::uint8_t detail = 0) {
  EncapStep s;
  s.next = next;
  // No real header is 64 KiB long (a chain of GTP extensions in a huge frame could claim it).
  if (length > UINT16_MAX) s.anomaly = Anomaly::bad_encapsulation;
  s.length = static_cast<std::uint16_t>(length);
  s.kind = kind;
  s.id = id;
  s.detail = detail;
  return s;
}

}  // namespace tcplens
