// The headers a frame's TCP segment travelled inside: VLAN tags, MPLS labels,
// PPPoE, and tunnels (GRE, ERSPAN, VXLAN, Geneve, GTP-U, IP in IP...). The
// decoders record one layer per header, outermost first; renderers re-read
// a layer's bytes from the frame at its offset when they need more than the
// layer keeps (tcpdump's text for it), so the record stays small.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace tcplens {

enum class EncapKind : std::uint8_t {
  vlan,             // 802.1Q / 802.1ad tag; id = VLAN id
  pbb,              // 802.1ah I-tag; id = I-SID
  mpls,             // one label stack entry; id = label, detail = 1 at the bottom of the stack
  pw_control_word,  // Ethernet pseudowire control word after an MPLS stack
  pppoe,            // PPPoE session; id = session id
  ppp,              // PPP framing (link type, PPPoE or GRE v1)
  chdlc,            // Cisco HDLC
  llc_snap,         // 802.2 LLC with a SNAP header
  fabricpath,       // Cisco FabricPath
  ip_tunnel,        // an IPv4/IPv6 header carrying IP directly (IP in IP); detail = 4 or 6
  ip_outer,         // an IPv4/IPv6 header carrying GRE or a UDP tunnel; detail = 4 or 6
  udp,              // the UDP header of a UDP tunnel
  gre,              // id = key (when present), detail = GRE version
  erspan,           // detail = ERSPAN type (1, 2, 3); id = session id
  wccp,             // WCCP redirect header inside GRE
  vxlan,            // id = VNI
  geneve,           // id = VNI
  gtp_u,            // id = TEID
  l2tp,             // L2TPv2 data; id = tunnel id << 16 | session id
  teredo,
  ayiya,
  capwap,
  wlan,  // an 802.11 data frame
  radiotap,
  nflog,
  ipoib,
  arcnet,
  juniper,
  linux_sll,  // Linux cooked v1/v2 header; detail = version
  count_
};

inline constexpr std::size_t kEncapKindCount = static_cast<std::size_t>(EncapKind::count_);

struct EncapLayer {
  EncapKind kind;
  std::uint8_t detail;
  std::uint16_t length;  // header bytes
  std::uint32_t offset;  // where the header starts in the frame
  std::uint32_t id;
};

// Deep enough for any real stack (QinQ in MPLS in GRE in VXLAN...), small
// enough that a hostile chain stops early: past it the frame is malformed.
inline constexpr std::size_t kMaxEncapLayers = 24;

struct Encapsulation {
  std::array<EncapLayer, kMaxEncapLayers> layers;  // the first `count` are set
  std::uint8_t count = 0;
  // A header tcpdump does not decode past (ERSPAN, GTP-U, a pseudowire
  // control word...): it prints no TCP line for the frame.
  bool tcpdump_stops = false;

  [[nodiscard]] bool empty() const { return count == 0; }
  [[nodiscard]] const EncapLayer* begin() const { return layers.data(); }
  [[nodiscard]] const EncapLayer* end() const { return layers.data() + count; }
  // The same value for both directions of a connection: the VXLAN VNIs it
  // travels in (tunnel ids that differ per direction, such as GTP TEIDs,
  // Geneve VNIs of Open vSwitch, MPLS labels, are left out; so are VLAN
  // ids, see encapsulation.cpp).
  [[nodiscard]] std::uint32_t context() const;
};

// Stable names, as in JSON ("vlan", "vxlan"...).
std::string_view encap_kind_name(EncapKind kind);
// Part of how a connection travels (VLAN, tunnels), as opposed to the
// capture's own link framing (radiotap, NFLOG, Linux cooked...).
bool encap_kind_is_carrier(EncapKind kind);
// "vlan 10", "vxlan vni 11", "gre key 0x2a", "mpls 16", "6in4".
std::string encap_layer_text(const EncapLayer& layer);

}  // namespace tcplens
