// The one table of decoders, and the numbers that name protocols.
#include <array>

#include "tcplens/decode/encap_decoders.hpp"

namespace tcplens {

namespace {

constexpr std::size_t kProtocolCount = static_cast<std::size_t>(Protocol::count_);

constexpr std::array<EncapDecoder, kProtocolCount> make_decoders() {
  std::array<EncapDecoder, kProtocolCount> t{};
  auto set = [&t](Protocol p, EncapDecoder d) { t[static_cast<std::size_t>(p)] = d; };
  set(Protocol::ip_by_version, decode_ip_by_version);
  set(Protocol::ethernet, decode_ethernet_header);
  set(Protocol::vlan, decode_vlan_tag);
  set(Protocol::pbb_itag, decode_pbb_itag);
  set(Protocol::mpls, decode_mpls_entry);
  set(Protocol::pw_control_word, decode_pw_control_word);
  set(Protocol::pppoe_session, decode_pppoe_session);
  set(Protocol::ppp, decode_ppp);
  set(Protocol::ppp_link, decode_ppp_link);
  set(Protocol::ppp_hdlc_link, decode_ppp_hdlc_link);
  set(Protocol::chdlc, decode_chdlc);
  set(Protocol::llc, decode_llc);
  set(Protocol::fabricpath, decode_fabricpath);
  set(Protocol::gre, decode_gre);
  set(Protocol::erspan1, decode_erspan1);
  set(Protocol::erspan2, decode_erspan2);
  set(Protocol::erspan3, decode_erspan3);
  set(Protocol::wccp, decode_wccp);
  set(Protocol::vxlan, decode_vxlan);
  set(Protocol::geneve, decode_geneve);
  set(Protocol::gtp_u, decode_gtp_u);
  set(Protocol::l2tp, decode_l2tp);
  set(Protocol::teredo, decode_teredo);
  set(Protocol::ayiya, decode_ayiya);
  set(Protocol::capwap, decode_capwap);
  set(Protocol::wlan, decode_wlan);
  set(Protocol::radiotap, decode_radiotap);
  set(Protocol::nflog, decode_nflog);
  set(Protocol::ipoib, decode_ipoib);
  set(Protocol::arcnet_linux, decode_arcnet_linux);
  set(Protocol::juniper_ether, decode_juniper_ether);
  set(Protocol::bsd_null, decode_bsd_null);
  set(Protocol::bsd_loop, decode_bsd_loop);
  set(Protocol::linux_sll, decode_linux_sll);
  set(Protocol::linux_sll2, decode_linux_sll2);
  return t;
}

constexpr auto kDecoders = make_decoders();

// Link types by their DLT_ values as libpcap reports them.
struct LinkTypeEntry {
  int dlt;
  Protocol first;
};
constexpr LinkTypeEntry kLinkTypes[] = {
    {0, Protocol::bsd_null},       {1, Protocol::ethernet},        {9, Protocol::ppp_link},
    {12, Protocol::ip_by_version}, {14, Protocol::ip_by_version},  {50, Protocol::ppp_hdlc_link},
    {51, Protocol::pppoe_session}, {104, Protocol::chdlc},         {105, Protocol::wlan},
    {108, Protocol::bsd_loop},     {113, Protocol::linux_sll},     {127, Protocol::radiotap},
    {129, Protocol::arcnet_linux}, {178, Protocol::juniper_ether}, {228, Protocol::ipv4},
    {229, Protocol::ipv6},         {239, Protocol::nflog},         {242, Protocol::ipoib},
    {276, Protocol::linux_sll2},
};

constexpr bool is_vlan_ethertype(std::uint16_t t) { return t == 0x8100 || t == 0x88a8 || t == 0x9100 || t == 0x9200; }

struct UdpTunnel {
  std::uint16_t port;
  Protocol protocol;
};
constexpr UdpTunnel kUdpTunnels[] = {
    {4789, Protocol::vxlan},  {6081, Protocol::geneve}, {2152, Protocol::gtp_u},  {1701, Protocol::l2tp},
    {3544, Protocol::teredo}, {5072, Protocol::ayiya},  {5247, Protocol::capwap},
};

Protocol udp_tunnel(std::uint16_t port) {
  for (const auto& t : kUdpTunnels)
    if (t.port == port) return t.protocol;
  return Protocol::unknown;
}

}  // namespace

EncapDecoder encap_decoder(Protocol p) { return kDecoders[static_cast<std::size_t>(p)]; }

Protocol protocol_for_link_type(int dlt) {
  for (const auto& e : kLinkTypes)
    if (e.dlt == dlt) return e.first;
  return Protocol::unknown;
}

Protocol protocol_for_ethertype(std::uint16_t type) {
  if (type <= 1500) return Protocol::llc;  // an 802.3 length, not a type
  if (is_vlan_ethertype(type)) return Protocol::vlan;
  switch (type) {
    case 0x0800:
      return Protocol::ipv4;
    case 0x86dd:
      return Protocol::ipv6;
    case 0x88e7:
      return Protocol::pbb_itag;
    case 0x8847:
    case 0x8848:
      return Protocol::mpls;
    case 0x8864:
      return Protocol::pppoe_session;
    case 0x6558:
      return Protocol::ethernet;  // transparent Ethernet bridging
    case 0x8903:
      return Protocol::fabricpath;
    default:
      return Protocol::unknown;
  }
}

Protocol protocol_for_ppp(std::uint16_t ppp_protocol) {
  switch (ppp_protocol) {
    case 0x0021:
      return Protocol::ipv4;
    case 0x0057:
      return Protocol::ipv6;
    case 0x0281:
    case 0x0283:
      return Protocol::mpls;
    default:
      return Protocol::unknown;
  }
}

Protocol protocol_for_ip_payload(std::uint8_t ip_protocol) {
  switch (ip_protocol) {
    case 4:
      return Protocol::ipv4;
    case 41:
      return Protocol::ipv6;
    case 47:
      return Protocol::gre;
    default:
      return Protocol::unknown;
  }
}

// Wireshark offers a UDP packet to the dissector of its lower port first;
// a low port that is not a tunnel's belongs to some other protocol.
Protocol protocol_for_udp_ports(std::uint16_t src, std::uint16_t dst) {
  const std::uint16_t low = src < dst ? src : dst;
  const std::uint16_t high = src < dst ? dst : src;
  const Protocol first = udp_tunnel(low);
  if (first != Protocol::unknown || low < 1024) return first;
  return udp_tunnel(high);
}

}  // namespace tcplens
