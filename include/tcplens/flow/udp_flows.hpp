// UDP flows: counted and listed, not analysed. A flow is the datagrams of
// one address/port pair in both directions, as Zeek's UDP connections and
// tshark's udp.stream: its originator sent the first datagram, unless that
// one came from a likely server port to a port that is not (Zeek flips it,
// history '^'); a datagram 60 s or more after the flow's last one starts a
// new flow (Zeek's udp_inactivity_timeout). Flows are numbered in the order
// they began. Memory is bounded: past max_flows, new flows are counted,
// not kept.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "tcplens/core/ip_address.hpp"
#include "tcplens/core/timestamp.hpp"
#include "tcplens/decode/decoded_packet.hpp"

namespace tcplens {

struct UdpFlow {
  std::uint64_t stream = 0;
  std::uint64_t first_frame = 0;
  Timestamp first_seen;
  Timestamp last_seen;
  IpAddress orig_h;
  IpAddress resp_h;
  std::uint16_t orig_p = 0;
  std::uint16_t resp_p = 0;
  bool flipped = false;            // Zeek's '^': the first datagram came from the server's port
  std::uint64_t packets[2] = {};   // orig, resp
  std::uint64_t payload[2] = {};   // UDP length field minus the 8 header bytes (Zeek's orig_bytes)
  std::uint64_t ip_bytes[2] = {};  // IP datagram lengths (Zeek's orig_ip_bytes)
  std::string history;             // '^', 'D' (orig's first datagram), 'd' (resp's)
};

// One datagram, as the flow table needs it.
struct UdpDatagram {
  IpAddress src;
  IpAddress dst;
  std::uint16_t src_port = 0;
  std::uint16_t dst_port = 0;
  std::uint32_t payload = 0;   // length field minus 8
  std::uint32_t ip_bytes = 0;  // the IP datagram's length
  Timestamp ts;
  std::uint64_t frame = 0;
};

// The UDP datagram a decoded packet carries (nullopt: not UDP, or its
// header was not captured).
std::optional<UdpDatagram> udp_datagram_of(const DecodedPacket& pkt);

// Zeek's likely_server_ports for UDP (DNS, DHCP, NTP, SNMP, Teredo, tunnels ...).
bool likely_udp_server_port(std::uint16_t port);

class UdpFlowTable {
 public:
  static constexpr double kInactivitySeconds = 60.0;
  explicit UdpFlowTable(std::size_t max_flows = 1'000'000) : max_flows_(max_flows) {}

  void offer(const UdpDatagram& d);
  // The packet's datagram, if it is UDP (other packets are ignored).
  void offer(const DecodedPacket& pkt) {
    if (const auto d = udp_datagram_of(pkt)) offer(*d);
  }
  // Every flow kept, in the order they began.
  [[nodiscard]] const std::vector<UdpFlow>& flows() const { return flows_; }
  // Flows begun after max_flows was reached: counted only.
  [[nodiscard]] std::uint64_t not_kept() const { return not_kept_; }
  [[nodiscard]] std::uint64_t datagrams() const { return datagrams_; }

 private:
  struct Key {
    IpAddress a, b;  // the smaller address/port first
    std::uint16_t pa = 0, pb = 0;
    bool operator==(const Key&) const = default;
  };
  struct KeyHash {
    std::size_t operator()(const Key& k) const;
  };
  static Key key_of(const UdpDatagram& d);
  UdpFlow& begin(const UdpDatagram& d);

  std::size_t max_flows_;
  std::unordered_map<Key, std::size_t, KeyHash> open_;  // index into flows_
  std::vector<UdpFlow> flows_;
  std::uint64_t not_kept_ = 0;
  std::uint64_t datagrams_ = 0;
  std::uint64_t next_stream_ = 0;
};

}  // namespace tcplens
