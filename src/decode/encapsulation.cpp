#include "tcplens/decode/encapsulation.hpp"

#include <fmt/format.h>

namespace tcplens {

namespace {

struct KindEntry {
  std::string_view name;
  bool carrier;  // how the connection travels, shown in its flow record
};

constexpr std::array<KindEntry, kEncapKindCount> kKinds = {{
    {"vlan", true},       {"pbb", true},    {"mpls", true},      {"pw-control-word", true},
    {"pppoe", true},      {"ppp", false},   {"chdlc", false},    {"llc-snap", false},
    {"fabricpath", true}, {"ip", true},     {"ip-outer", false}, {"udp", false},
    {"gre", true},        {"erspan", true}, {"wccp", true},      {"vxlan", true},
    {"geneve", true},     {"gtp-u", true},  {"l2tp", true},      {"teredo", true},
    {"ayiya", true},      {"capwap", true}, {"wlan", false},     {"radiotap", false},
    {"nflog", false},     {"ipoib", false}, {"arcnet", false},   {"juniper", false},
    {"linux-sll", false},
}};

const KindEntry& entry(EncapKind k) { return kKinds[static_cast<std::size_t>(k)]; }

}  // namespace

std::string_view encap_kind_name(EncapKind kind) { return entry(kind).name; }
bool encap_kind_is_carrier(EncapKind kind) { return entry(kind).carrier; }

std::string encap_layer_text(const EncapLayer& l) {
  switch (l.kind) {
    case EncapKind::vlan:
      return fmt::format("vlan {}", l.id);
    case EncapKind::pbb:
      return fmt::format("pbb isid {}", l.id);
    case EncapKind::mpls:
      return fmt::format("mpls {}", l.id);
    case EncapKind::pppoe:
      return fmt::format("pppoe 0x{:04x}", l.id);
    case EncapKind::ip_tunnel:
      return fmt::format("ip{} tunnel", l.detail);
    case EncapKind::gre:
      return l.id != 0 ? fmt::format("gre key 0x{:x}", l.id) : std::string("gre");
    case EncapKind::erspan:
      return fmt::format("erspan {} session {}", l.detail, l.id);
    case EncapKind::vxlan:
      return fmt::format("vxlan vni {}", l.id);
    case EncapKind::geneve:
      return fmt::format("geneve vni 0x{:x}", l.id);
    case EncapKind::gtp_u:
      return fmt::format("gtp-u teid 0x{:x}", l.id);
    default:
      return std::string(encap_kind_name(l.kind));
  }
}

// FNV-1a over the VXLAN VNIs (a VNI names a tenant's network or a mirror
// session, the same both ways). VLAN ids are not in it: a SPAN of both
// sides of a router sees each packet twice, once per VLAN (nDPI's
// mongodb.pcap and capwap_data.pcapng: VLAN 300 and 50), and tshark and
// Zeek (its default connection key) take the copies for one connection.
std::uint32_t Encapsulation::context() const {
  std::uint32_t h = 0;
  for (const EncapLayer& l : *this) {
    if (l.kind != EncapKind::vxlan) continue;
    if (h == 0) h = 2166136261u;
    h = (h ^ static_cast<std::uint32_t>(l.kind)) * 16777619u;
    h = (h ^ l.id) * 16777619u;
  }
  return h;
}

}  // namespace tcplens
