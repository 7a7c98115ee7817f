// The encapsulation chain: every tunnel and link header down to the inner
// TCP segment, cut at every byte, nested too deep, and lying lengths.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "support/frames.hpp"
#include "tcplens/decode/encap_decoders.hpp"
#include "tcplens/render/encap_text.hpp"
#include "tcplens/render/tcpdump_line.hpp"

using namespace tcplens;
using namespace tcplens::testing;
using Buf = capgen::Bytes;

namespace {

Buf operator+(Buf a, const Buf& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}
Buf b16(std::uint16_t v) { return {static_cast<std::uint8_t>(v >> 8), static_cast<std::uint8_t>(v)}; }
Buf b32(std::uint32_t v) { return b16(static_cast<std::uint16_t>(v >> 16)) + b16(static_cast<std::uint16_t>(v)); }

const auto kInnerSrc = capgen::ipv4("192.168.1.1");
const auto kInnerDst = capgen::ipv4("192.168.1.2");
const auto kOuterSrc = capgen::ipv4("10.0.0.1");
const auto kOuterDst = capgen::ipv4("10.0.0.2");

Buf inner_ipv4_tcp() {
  return capgen::ipv4_packet({kInnerSrc, kInnerDst},
                             capgen::tcp_over_ipv4(simple_tcp(capgen::flag::syn), kInnerSrc, kInnerDst));
}
Buf inner_ethernet() { return capgen::ethernet(0x0800, inner_ipv4_tcp()); }

Buf outer_ipv4(std::uint8_t protocol, const Buf& payload) {
  capgen::Ipv4Spec ip{kOuterSrc, kOuterDst};
  ip.protocol = protocol;
  return capgen::ipv4_packet(ip, payload);
}
Buf udp(std::uint16_t sport, std::uint16_t dport, const Buf& payload) {
  return b16(sport) + b16(dport) + b16(static_cast<std::uint16_t>(8 + payload.size())) + b16(0) + payload;
}
Buf mpls(std::uint32_t label, bool bottom, std::uint8_t ttl = 64) {
  return b32((label << 12) | (bottom ? 0x100u : 0u) | ttl);
}

struct Sample {
  const char* name;
  int dlt;
  Buf frame;
  std::vector<EncapKind> kinds;  // the layers recorded, outermost first
  const char* tcpdump_prefix;    // what --plain prints before the inner "IP "
};

std::vector<Sample> samples() {
  using K = EncapKind;
  const Buf tcp4 = inner_ipv4_tcp();
  std::vector<Sample> s;
  s.push_back({"QinQ", 1, capgen::ethernet(0x0800, tcp4, {100, 200}, 0x88a8), {K::vlan, K::vlan}, ""});
  s.push_back({"MPLS two labels",
               1,
               capgen::ethernet(0x8847, mpls(16, false) + mpls(17, true, 9) + tcp4),
               {K::mpls, K::mpls},
               "MPLS (label 16, tc 0, ttl 64) (label 17, tc 0, [S], ttl 9) "});
  s.push_back({"MPLS pseudowire",
               1,
               capgen::ethernet(0x8847, mpls(99, true) + b32(0) + inner_ethernet()),
               {K::mpls, K::pw_control_word},
               nullptr});
  s.push_back({"PPPoE",
               1,
               capgen::ethernet(0x8864, Buf{0x11, 0x00} + b16(0x1dcd) +
                                            b16(static_cast<std::uint16_t>(2 + tcp4.size())) + b16(0x0021) + tcp4),
               {K::pppoe, K::ppp},
               "PPPoE  [ses 0x1dcd] "});
  s.push_back({"GRE key and sequence",
               1,
               capgen::ethernet(0x0800, outer_ipv4(47, b16(0x3000) + b16(0x0800) + b32(0x2a) + b32(7) + tcp4)),
               {K::ip_outer, K::gre},
               "IP 10.0.0.1 > 10.0.0.2: GREv0, key=0x2a, seq 7, length 52: "});
  s.push_back({"GRE TEB",
               1,
               capgen::ethernet(0x0800, outer_ipv4(47, b16(0) + b16(0x6558) + inner_ethernet())),
               {K::ip_outer, K::gre},
               "IP 10.0.0.1 > 10.0.0.2: GREv0, length 58: "});
  s.push_back({"ERSPAN II",
               1,
               capgen::ethernet(0x0800, outer_ipv4(47, b16(0x1000) + b16(0x88be) + b32(1) + b16(0x1000) + b16(5) +
                                                           b32(0) + inner_ethernet())),
               {K::ip_outer, K::gre, K::erspan},
               nullptr});
  s.push_back({"ERSPAN III",
               1,
               capgen::ethernet(0x0800, outer_ipv4(47, b16(0x1000) + b16(0x22eb) + b32(1) + b16(0x2000) + b16(6) +
                                                           b32(0) + b32(0) + inner_ethernet())),
               {K::ip_outer, K::gre, K::erspan},
               nullptr});
  s.push_back({"VXLAN",
               1,
               capgen::ethernet(
                   0x0800, outer_ipv4(17, udp(50000, 4789, Buf{0x08, 0, 0, 0} + b32(4242u << 8) + inner_ethernet()))),
               {K::ip_outer, K::udp, K::vxlan},
               "IP 10.0.0.1.50000 > 10.0.0.2.4789: VXLAN, flags [I] (0x08), vni 4242\n"});
  s.push_back({"Geneve with an option",
               1,
               capgen::ethernet(0x0800, outer_ipv4(17, udp(50001, 6081,
                                                           Buf{0x02, 0x40} + b16(0x6558) + b32(0x123u << 8) +
                                                               b32(0x01020304) + b32(0) + inner_ethernet()))),
               {K::ip_outer, K::udp, K::geneve},
               "IP 10.0.0.1.50001 > 10.0.0.2.6081: Geneve, Flags [C], vni 0x123, options [8 bytes]: "});
  s.push_back({"GTP-U with an extension header",
               1,
               capgen::ethernet(0x0800, outer_ipv4(17, udp(2152, 2152,
                                                           Buf{0x34, 0xff} + b16(0) + b32(0xabcd) + b16(0) +
                                                               Buf{0, 0x85} + Buf{1, 0x10, 0x05, 0x00} + tcp4))),
               {K::ip_outer, K::udp, K::gtp_u},
               nullptr});
  s.push_back(
      {"IPv4 in IPv4", 1, capgen::ethernet(0x0800, outer_ipv4(4, tcp4)), {K::ip_tunnel}, "IP 10.0.0.1 > 10.0.0.2: "});
  s.push_back(
      {"L2TP",
       1,
       capgen::ethernet(
           0x0800,
           outer_ipv4(17, udp(1701, 1701, b16(0x0002) + b16(1527) + b16(8298) + Buf{0xff, 0x03} + b16(0x0021) + tcp4))),
       {K::ip_outer, K::udp, K::l2tp, K::ppp},
       "IP 10.0.0.1.1701 > 10.0.0.2.1701:  l2tp:[](1527/8298) {"});
  s.push_back({"LLC/SNAP",
               1,
               Buf(12, 0x02) + b16(static_cast<std::uint16_t>(8 + tcp4.size())) + Buf{0xaa, 0xaa, 0x03, 0, 0, 0} +
                   b16(0x0800) + tcp4,
               {K::llc_snap},
               ""});
  s.push_back({"PPP link type", 9, Buf{0xff, 0x03} + b16(0x0021) + tcp4, {K::ppp}, ""});
  s.push_back({"Cisco HDLC", 104, Buf{0x0f, 0x00} + b16(0x0800) + tcp4, {K::chdlc}, ""});
  s.push_back({"802.11 data",
               105,
               Buf{0x08, 0x01, 0, 0} + Buf(18, 0x02) + b16(0) + Buf{0xaa, 0xaa, 0x03, 0, 0, 0} + b16(0x0800) + tcp4,
               {K::wlan, K::llc_snap},
               ""});
  return s;
}

std::vector<EncapKind> kinds_of(const DecodedPacket& pkt) {
  std::vector<EncapKind> k;
  for (const EncapLayer& l : pkt.encap) k.push_back(l.kind);
  return k;
}

}  // namespace

TEST_CASE("Every encapsulation is decoded down to the inner TCP segment", "[decode][encap]") {
  for (const Sample& s : samples()) {
    INFO(s.name);
    const OwnedFrame f(s.frame);
    const DecodedPacket pkt = f.decode(s.dlt);
    REQUIRE(pkt.is_analyzable_tcp());
    CHECK(pkt.ip.src.text().view() == "192.168.1.1");
    CHECK(pkt.ip.dst.text().view() == "192.168.1.2");
    CHECK(pkt.tcp.src_port == 40000);
    CHECK(kinds_of(pkt) == s.kinds);
    CHECK(pkt.encap.tcpdump_stops == (s.tcpdump_prefix == nullptr));
    if (s.tcpdump_prefix != nullptr) {
      TextBuffer out;
      render_encap_prefix(out, pkt);
      CHECK(fmt::to_string(out) == s.tcpdump_prefix);
    }
  }
}

TEST_CASE("Encapsulations cut at every byte are never analysed and never read past the capture", "[decode][encap]") {
  for (const Sample& s : samples()) {
    INFO(s.name);
    const OwnedFrame whole(s.frame);
    const std::size_t tcp_end = s.frame.size();  // the samples carry no payload: the TCP header ends the frame
    // Until a UDP header's ports are captured, nothing says it is a tunnel.
    std::size_t udp_ports_end = 0;
    for (const EncapLayer& l : whole.decode(s.dlt).encap)
      if (l.kind == EncapKind::udp) udp_ports_end = l.offset + 4;
    for (std::size_t cut = 0; cut < tcp_end; ++cut) {
      INFO("cut at " << cut);
      const DecodedPacket pkt = whole.cut(cut).decode(s.dlt);
      CHECK_FALSE(pkt.is_analyzable_tcp());
      // A cut header is malformed, not another protocol.
      if (cut >= udp_ports_end) CHECK(pkt.kind != PacketKind::not_tcp);
    }
  }
}

TEST_CASE("A tunnel nested past the bound is malformed, not a loop", "[decode][encap]") {
  Buf packet = inner_ipv4_tcp();
  for (int i = 0; i < 100; ++i) packet = outer_ipv4(4, packet);
  const OwnedFrame f(capgen::ethernet(0x0800, packet));
  const DecodedPacket pkt = f.decode(1);
  CHECK(pkt.kind == PacketKind::malformed);
  CHECK(pkt.anomaly == Anomaly::encapsulation_too_deep);

  Buf labels;
  for (int i = 0; i < 40; ++i) labels = labels + mpls(16 + i, false);
  const DecodedPacket endless = OwnedFrame(capgen::ethernet(0x8847, labels + inner_ipv4_tcp())).decode(1);
  CHECK(endless.kind == PacketKind::malformed);
  CHECK(endless.anomaly == Anomaly::encapsulation_too_deep);
}

TEST_CASE("Lengths that do not fit are bad encapsulations", "[decode][encap]") {
  const Buf tcp4 = inner_ipv4_tcp();
  // PPPoE length larger than the frame: taken as far as it goes, and said.
  const OwnedFrame pppoe(capgen::ethernet(0x8864, Buf{0x11, 0x00} + b16(1) + b16(9000) + b16(0x0021) + tcp4));
  const DecodedPacket long_pppoe = pppoe.decode(1);
  CHECK(long_pppoe.is_analyzable_tcp());
  TextBuffer text;
  render_encap_prefix(text, long_pppoe);
  CHECK(fmt::to_string(text) == fmt::format("PPPoE  [len 9000 > {}!] [ses 0x1] ", 2 + tcp4.size()));
  // Geneve options running past the packet.
  const OwnedFrame geneve(
      capgen::ethernet(0x0800, outer_ipv4(17, udp(50001, 6081, Buf{0x3f, 0} + b16(0x0800) + b32(0) + tcp4))));
  CHECK(geneve.decode(1).anomaly == Anomaly::truncated_encapsulation);
  // GRE with source routing (RFC 1701 only) and an unknown version.
  const OwnedFrame gre(capgen::ethernet(0x0800, outer_ipv4(47, b16(0x4000) + b16(0x0800) + tcp4)));
  CHECK(gre.decode(1).anomaly == Anomaly::bad_encapsulation);
  const OwnedFrame gre7(capgen::ethernet(0x0800, outer_ipv4(47, b16(0x0007) + b16(0x0800) + tcp4)));
  CHECK(gre7.decode(1).anomaly == Anomaly::bad_encapsulation);
}

TEST_CASE("A UDP packet on a tunnel port whose header does not fit is not a tunnel", "[decode][encap]") {
  // VXLAN without the I flag; GTP-U that is not a G-PDU; the low port wins.
  const Buf tcp4 = inner_ipv4_tcp();
  const OwnedFrame vxlan(capgen::ethernet(0x0800, outer_ipv4(17, udp(50000, 4789, b32(0) + b32(0) + tcp4))));
  CHECK(vxlan.decode(1).kind == PacketKind::not_tcp);
  const OwnedFrame gtp(
      capgen::ethernet(0x0800, outer_ipv4(17, udp(2152, 2152, Buf{0x30, 0x01} + b16(0) + b32(0) + tcp4))));
  CHECK(gtp.decode(1).kind == PacketKind::not_tcp);
  CHECK(protocol_for_udp_ports(53, 4789) == Protocol::unknown);  // DNS from port 4789
  CHECK(protocol_for_udp_ports(60000, 4789) == Protocol::vxlan);
  CHECK(protocol_for_udp_ports(4789, 6081) == Protocol::vxlan);  // lower port first
}

Buf vxlan_frame(std::uint32_t vni, const Buf& inner) {
  return capgen::ethernet(0x0800, outer_ipv4(17, udp(50000, 4789, Buf{0x08, 0, 0, 0} + b32(vni << 8) + inner)));
}

TEST_CASE("The connection context names VXLAN segments, not VLANs", "[decode][encap]") {
  const Buf tcp4 = inner_ipv4_tcp();
  const DecodedPacket v10 = OwnedFrame(capgen::ethernet(0x0800, tcp4, {10})).decode(1);
  const DecodedPacket v20 = OwnedFrame(capgen::ethernet(0x0800, tcp4, {20})).decode(1);
  const DecodedPacket none = OwnedFrame(capgen::ethernet(0x0800, tcp4)).decode(1);
  CHECK(none.encap.context() == 0);
  CHECK(v10.encap.context() == v20.encap.context());  // one packet seen on two VLANs is one connection
  const Buf eth = capgen::ethernet(0x0800, tcp4);
  const DecodedPacket n100 = OwnedFrame(vxlan_frame(100, eth)).decode(1);
  const DecodedPacket n200 = OwnedFrame(vxlan_frame(200, eth)).decode(1);
  CHECK(n100.encap.context() != 0);
  CHECK(n100.encap.context() != n200.encap.context());
  // MPLS labels differ per direction on real paths: not part of the context.
  const DecodedPacket m1 = OwnedFrame(capgen::ethernet(0x8847, mpls(16, true) + tcp4)).decode(1);
  const DecodedPacket m2 = OwnedFrame(capgen::ethernet(0x8847, mpls(17, true) + tcp4)).decode(1);
  CHECK(m1.encap.context() == m2.encap.context());
  CHECK(encap_layer_text(v10.encap.layers[0]) == "vlan 10");
  CHECK(encap_layer_text(m1.encap.layers[0]) == "mpls 16");
}
