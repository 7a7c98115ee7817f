#include "tcplens/flow/udp_flows.hpp"

#include <algorithm>
#include <array>

#include "tcplens/decode/udp_header.hpp"
#include "tcplens/flow/flow_index.hpp"

namespace tcplens {

bool likely_udp_server_port(std::uint16_t port) {
  // Zeek's base scripts' `redef likely_server_ports += {...}` for UDP: DNS
  // (53, 137, 5353, 5355), Kerberos 88, DHCP 67, NTP 123, SNMP 161/162,
  // QUIC 443, syslog 514, DHCPv6 547, RADIUS 1812, GTP 2123/2152, Teredo
  // 3544, VXLAN 4789, SIP 5060, AYIYA 5072, Geneve 6081.
  static constexpr std::array<std::uint16_t, 20> kPorts = {53,   67,   88,   123,  137,  161,  162,  443,  514,  547,
                                                           1812, 2123, 2152, 3544, 4789, 5060, 5072, 5353, 5355, 6081};
  return std::binary_search(kPorts.begin(), kPorts.end(), port);
}

std::optional<UdpDatagram> udp_datagram_of(const DecodedPacket& pkt) {
  if (pkt.kind != PacketKind::not_tcp || pkt.ip.transport_protocol != kIpProtocolUdp || pkt.frame == nullptr)
    return std::nullopt;
  const auto header = parse_udp_header(pkt.ip.transport);
  if (!header) return std::nullopt;
  UdpDatagram d;
  d.src = pkt.ip.src;
  d.dst = pkt.ip.dst;
  d.src_port = header->src_port;
  d.dst_port = header->dst_port;
  d.payload = header->length >= kUdpHeaderLength ? header->length - kUdpHeaderLength : 0;
  d.ip_bytes = pkt.ip.header_length + pkt.ip.transport_length;
  d.ts = pkt.frame->ts;
  d.frame = pkt.frame->number;
  return d;
}

namespace {

bool is_limited_broadcast(const IpAddress& a) {
  return a.family == IpFamily::v4 && a.octets[0] == 255 && a.octets[1] == 255 && a.octets[2] == 255 &&
         a.octets[3] == 255;
}

// Zeek flips a new flow whose first datagram comes from a likely server
// port to one that is not (not when sent to 255.255.255.255: Zeek 6.1).
bool starts_flipped(const UdpDatagram& d) {
  return likely_udp_server_port(d.src_port) && !likely_udp_server_port(d.dst_port) && !is_limited_broadcast(d.dst);
}

}  // namespace

std::size_t UdpFlowTable::KeyHash::operator()(const Key& k) const { return flow_hash(k.a, k.pa, k.b, k.pb); }

UdpFlowTable::Key UdpFlowTable::key_of(const UdpDatagram& d) {
  if (std::tie(d.src, d.src_port) < std::tie(d.dst, d.dst_port)) return {d.src, d.dst, d.src_port, d.dst_port};
  return {d.dst, d.src, d.dst_port, d.src_port};
}

UdpFlow& UdpFlowTable::begin(const UdpDatagram& d) {
  UdpFlow f;
  f.stream = next_stream_++;
  f.first_frame = d.frame;
  f.first_seen = d.ts;
  f.flipped = starts_flipped(d);
  f.orig_h = f.flipped ? d.dst : d.src;
  f.orig_p = f.flipped ? d.dst_port : d.src_port;
  f.resp_h = f.flipped ? d.src : d.dst;
  f.resp_p = f.flipped ? d.src_port : d.dst_port;
  if (f.flipped) f.history.push_back('^');
  flows_.push_back(std::move(f));
  return flows_.back();
}

void UdpFlowTable::offer(const UdpDatagram& d) {
  ++datagrams_;
  const Key key = key_of(d);
  auto it = open_.find(key);
  UdpFlow* flow = nullptr;
  if (it != open_.end()) {
    flow = &flows_[it->second];
    if (d.ts.seconds() - flow->last_seen.seconds() >= kInactivitySeconds) flow = nullptr;  // a new flow
  }
  if (flow == nullptr) {
    if (flows_.size() >= max_flows_) {
      ++not_kept_;
      if (it != open_.end()) open_.erase(it);
      return;
    }
    flow = &begin(d);
    open_[key] = flows_.size() - 1;
  }
  const int side = d.src == flow->orig_h && d.src_port == flow->orig_p ? 0 : 1;
  if (flow->packets[side] == 0) flow->history.push_back(side == 0 ? 'D' : 'd');
  ++flow->packets[side];
  flow->payload[side] += d.payload;
  flow->ip_bytes[side] += d.ip_bytes;
  flow->last_seen = d.ts;
}

}  // namespace tcplens
