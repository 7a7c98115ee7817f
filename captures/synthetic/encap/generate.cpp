// Generates the synthetic encapsulation captures in this folder: one small
// HTTP connection (handshake, request, response, FIN/ACK from both sides)
// inside each encapsulation a decoder should see through (VLAN stacks, PBB,
// MPLS, PPPoE, GRE and ERSPAN, VXLAN, Geneve, IP in IP, Teredo, AYIYA,
// GTP-U, LLC/SNAP, 802.11, PPP, Cisco HDLC), a deep chain of them, and
// frames whose encapsulation must be rejected cleanly (hostile-encap.pcap).
// Lengths, checksums and IPv4 ids are correct unless a frame lies on
// purpose; inner addresses differ per file; timestamps are fixed, 1 ms apart.
// README.md says what tcpdump and tshark make of each file.
//
// usage: generate_encap_captures OUTPUT_DIR
#include <string>
#include <tuple>

#include "capgen.hpp"

using namespace capgen;

namespace {

constexpr std::uint64_t kStart = kSyntheticStart;  // 2023-11-14 22:13:20 UTC
constexpr std::uint64_t kStep = 1'000'000;                          // 1 ms

// Tunnel endpoints (outer headers), the same in every file: A on the
// client's side, B on the server's.
const Ipv4Address kTunA4 = ipv4("203.0.113.1");
const Ipv4Address kTunB4 = ipv4("203.0.113.2");
const Ipv6Address kTunA6 = ipv6("2001:db8:ffff::1");
const Ipv6Address kTunB6 = ipv6("2001:db8:ffff::2");
const MacAddress kMacA = mac("02:00:00:00:00:01");
const MacAddress kMacB = mac("02:00:00:00:00:02");
// The inner (customer) Ethernet of bridged tunnels.
const MacAddress kMacClient = mac("02:00:00:00:01:01");
const MacAddress kMacServer = mac("02:00:00:00:01:02");
// The pseudowire's: read from the control word on, as Wireshark's heuristic
// does, these make no registered OUI, so it takes the zero word for a control
// word rather than for the start of a destination address.
const MacAddress kPwMacClient = mac("02:00:fe:ed:f0:01");
const MacAddress kPwMacServer = mac("02:00:fe:ed:f0:02");

// One TCP connection's inner endpoints; n (the file's number) keeps inner
// addresses distinct across files.
struct Endpoints {
  bool v6 = false;
  Ipv4Address c4, s4;
  Ipv6Address c6, s6;
  std::uint16_t cport = 0;
  std::uint16_t sport = 80;
  std::uint32_t client_isn = 1000;
  std::uint32_t server_isn = 5000;
  std::uint16_t client_id = 0x1000;  // first IPv4 id of each side
  std::uint16_t server_id = 0x2000;
};

Endpoints inner(int n, bool v6) {
  Endpoints e;
  e.v6 = v6;
  const std::string k = std::to_string(n);
  e.c4 = ipv4(("192.168." + k + ".10").c_str());
  e.s4 = ipv4(("172.16." + k + ".80").c_str());
  e.c6 = ipv6(("fd00:0:0:" + k + "::10").c_str());
  e.s6 = ipv6(("fd00:0:1:" + k + "::80").c_str());
  e.cport = static_cast<std::uint16_t>(40000 + n);
  return e;
}

struct Packet {
  bool from_client;
  Bytes ip;  // the inner IPv4 or IPv6 packet
};

const std::string kRequest = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";
const std::string kResponse = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

// SYN, SYN-ACK, ACK, request, response, FIN/ACK, FIN/ACK, ACK.
std::vector<Packet> connection(const Endpoints& e) {
  const Bytes syn_opts = cat({opt_mss(1400), opt_sack_permitted(), opt_nop(), opt_wscale(7)});
  const std::uint32_t c = e.client_isn, s = e.server_isn;
  const auto req = static_cast<std::uint32_t>(kRequest.size());
  const auto rsp = static_cast<std::uint32_t>(kResponse.size());
  struct Seg {
    bool from_client;
    TcpSpec t;
  };
  const std::vector<Seg> segs = {
      {true, {e.cport, e.sport, c, 0, flag::syn, 64240, 0, syn_opts}},
      {false, {e.sport, e.cport, s, c + 1, flag::syn | flag::ack, 65160, 0, syn_opts}},
      {true, {e.cport, e.sport, c + 1, s + 1, flag::ack, 502}},
      {true, {e.cport, e.sport, c + 1, s + 1, flag::psh | flag::ack, 502, 0, {}, false, text(kRequest)}},
      {false, {e.sport, e.cport, s + 1, c + 1 + req, flag::psh | flag::ack, 509, 0, {}, false, text(kResponse)}},
      {true, {e.cport, e.sport, c + 1 + req, s + 1 + rsp, flag::fin | flag::ack, 502}},
      {false, {e.sport, e.cport, s + 1 + rsp, c + 2 + req, flag::fin | flag::ack, 509}},
      {true, {e.cport, e.sport, c + 2 + req, s + 2 + rsp, flag::ack, 502}},
  };
  std::vector<Packet> out;
  std::uint16_t cid = e.client_id, sid = e.server_id;
  for (const auto& [from_client, t] : segs) {
    if (e.v6) {
      const auto& src = from_client ? e.c6 : e.s6;
      const auto& dst = from_client ? e.s6 : e.c6;
      out.push_back({from_client, ipv6_packet({src, dst}, tcp_over_ipv6(t, src, dst))});
    } else {
      const auto& src = from_client ? e.c4 : e.s4;
      const auto& dst = from_client ? e.s4 : e.c4;
      Ipv4Spec ip{src, dst};
      ip.id = from_client ? cid++ : sid++;
      out.push_back({from_client, ipv4_packet(ip, tcp_over_ipv4(t, src, dst))});
    }
  }
  return out;
}

std::uint16_t ethertype_of(const Bytes& ip) { return (ip[0] >> 4) == 6 ? 0x86dd : 0x0800; }
std::uint8_t ip_protocol_of(const Bytes& ip) { return (ip[0] >> 4) == 6 ? 41 : 4; }

// The outer headers between the tunnel endpoints, with per-side IPv4 ids.
class Outer {
 public:
  Bytes ip4(bool from_a, std::uint8_t protocol, const Bytes& payload) {
    Ipv4Spec ip{from_a ? kTunA4 : kTunB4, from_a ? kTunB4 : kTunA4, protocol};
    ip.id = from_a ? id_a_++ : id_b_++;
    return ipv4_packet(ip, payload);
  }
  static Bytes ip6(bool from_a, std::uint8_t protocol, const Bytes& payload) {
    Ipv6Spec ip{from_a ? kTunA6 : kTunB6, from_a ? kTunB6 : kTunA6};
    ip.protocol = protocol;
    return ipv6_packet(ip, payload);
  }
  Bytes udp4(bool from_a, std::uint16_t sport, std::uint16_t dport, const Bytes& payload) {
    const auto& src = from_a ? kTunA4 : kTunB4;
    const auto& dst = from_a ? kTunB4 : kTunA4;
    return ip4(from_a, 17, udp_over_ipv4(sport, dport, payload, src, dst));
  }
  static Bytes eth(bool from_a, std::uint16_t ethertype, const Bytes& payload, const std::vector<VlanTag>& tags = {}) {
    return ethernet_frame(from_a ? kMacB : kMacA, from_a ? kMacA : kMacB, ethertype, payload, tags);
  }

 private:
  std::uint16_t id_a_ = 0x3000;
  std::uint16_t id_b_ = 0x4000;
};

Bytes inner_eth(bool from_client, const Bytes& ip, const MacAddress& client = kMacClient,
                const MacAddress& server = kMacServer) {
  return ethernet_frame(from_client ? server : client, from_client ? client : server, ethertype_of(ip), ip);
}

template <typename Wrap>
std::vector<Bytes> wrap_all(const std::vector<Packet>& packets, Wrap wrap) {
  std::vector<Bytes> frames;
  for (const auto& p : packets) frames.push_back(wrap(p.from_client, p.ip));
  return frames;
}

// Two connections at overlapping times: a0 b0 a1 b1...
std::vector<Bytes> interleave(const std::vector<Bytes>& a, const std::vector<Bytes>& b) {
  std::vector<Bytes> out;
  for (std::size_t i = 0; i < a.size() || i < b.size(); ++i) {
    if (i < a.size()) out.push_back(a[i]);
    if (i < b.size()) out.push_back(b[i]);
  }
  return out;
}

std::vector<Bytes> concat(std::vector<Bytes> a, const std::vector<Bytes>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

void write_capture(const std::string& path, int linktype, const std::vector<Bytes>& frames) {
  CaptureWriter w(path, linktype);
  std::uint64_t ts = kStart;
  for (const auto& f : frames) {
    w.write(ts, f);
    ts += kStep;
  }
}

// ---- Headers capgen does not build ----

// 802.1ah: B-tag, then the I-tag (0x88e7, I-SID) and the customer's addresses.
Bytes pbb(bool from_a, std::uint32_t isid, bool from_client, const Bytes& ip) {
  Bytes itag = be32(isid & 0xffffff);  // I-PCP 0, I-DEI 0, UCA 0
  const Bytes customer = inner_eth(from_client, ip);
  itag.insert(itag.end(), customer.begin(), customer.end());
  return Outer::eth(from_a, 0x88e7, itag, {{0x88a8, 100}});
}

// ERSPAN type II (8 bytes): ver 1, VLAN, COS, En, T, session id; index.
Bytes erspan2(std::uint16_t vlan, std::uint16_t session, std::uint32_t index, const Bytes& payload) {
  return cat({be16(static_cast<std::uint16_t>(1 << 12 | (vlan & 0xfff))), be16(session & 0x3ff),
              be32(index & 0xfffff), payload});
}

// ERSPAN type III (12 bytes): ver 2, VLAN, COS, BSO, T, session id;
// timestamp; SGT, P (set: an Ethernet frame), FT (0: Ethernet), hardware
// id, D, granularity (2: IEEE 1588), O; with O set, the 8-byte
// platform-specific subheader (platform id 3: port id and the timestamp's
// upper 32 bits). 1588 timestamps: seconds above, nanoseconds below.
Bytes erspan3(std::uint16_t vlan, std::uint16_t session, std::uint64_t ts_ns, const Bytes& payload) {
  const std::uint16_t hw_id = 5;
  const std::uint16_t gra = 2;
  const auto seconds = static_cast<std::uint32_t>(ts_ns / 1'000'000'000);
  const auto nanos = static_cast<std::uint32_t>(ts_ns % 1'000'000'000);
  const Bytes platform = cat({be32(3u << 26 | 0x1234), be32(seconds)});
  return cat({be16(static_cast<std::uint16_t>(2 << 12 | (vlan & 0xfff))), be16(session & 0x3ff), be32(nanos),
              be16(0x0000), be16(static_cast<std::uint16_t>(0x8000 | hw_id << 4 | gra << 1 | 1)), platform, payload});
}

// Teredo client address (RFC 4380): 2001:0::/32, server, flags, and the
// client's public port and address, obfuscated.
Ipv6Address teredo_address(const Ipv4Address& server, std::uint16_t port, const Ipv4Address& mapped) {
  Ipv6Address a;
  a.b = {0x20, 0x01, 0, 0, server.b[0], server.b[1], server.b[2], server.b[3], 0, 0};
  a.b[10] = static_cast<std::uint8_t>(~(port >> 8));
  a.b[11] = static_cast<std::uint8_t>(~port);
  for (int i = 0; i < 4; ++i) a.b[12 + i] = static_cast<std::uint8_t>(~mapped.b[i]);
  return a;
}

// Teredo origin indication: 0x0000, obfuscated port and IPv4 address.
Bytes teredo_origin(std::uint16_t port, const Ipv4Address& addr) {
  Bytes b{0, 0, static_cast<std::uint8_t>(~(port >> 8)), static_cast<std::uint8_t>(~port)};
  for (auto x : addr.b) b.push_back(static_cast<std::uint8_t>(~x));
  return b;
}

// AYIYA (draft-massar-v6ops-ayiya): IDlen 4 (16 bytes), IDtype 1 (integer),
// siglen 5 (20 bytes), hash 2 (SHA1), auth 1 (shared secret), opcode 1
// (forward), next header; epoch time, identity, signature.
Bytes ayiya(const Ipv6Address& identity, std::uint32_t epoch, std::uint8_t next_header, const Bytes& payload) {
  Bytes b{0x41, 0x52, 0x11, next_header};
  const Bytes t = be32(epoch);
  b.insert(b.end(), t.begin(), t.end());
  b.insert(b.end(), identity.b.begin(), identity.b.end());
  for (int i = 0; i < 20; ++i) b.push_back(static_cast<std::uint8_t>(0xa0 + i));  // a signature, unchecked
  b.insert(b.end(), payload.begin(), payload.end());
  return b;
}

// 802.11 data frame from a station (ToDS) or to it (FromDS), LLC/SNAP, IP.
// QoS data frames carry a QoS control field (TID 0).
class Wlan {
 public:
  Bytes frame(bool from_client, const Bytes& ip, bool qos) {
    const MacAddress bssid = mac("02:00:00:00:0a:01");
    Bytes b{static_cast<std::uint8_t>(qos ? 0x88 : 0x08), static_cast<std::uint8_t>(from_client ? 0x01 : 0x02),
            0x2c, 0x00};  // duration 44 us, little-endian
    const MacAddress& a1 = from_client ? bssid : kMacClient;
    const MacAddress& a2 = from_client ? kMacClient : bssid;
    const MacAddress& a3 = kMacServer;  // DA (ToDS) or SA (FromDS): the router beyond the AP
    for (const auto* m : {&a1, &a2, &a3}) b.insert(b.end(), m->b.begin(), m->b.end());
    const std::uint16_t seq = from_client ? seq_sta_++ : seq_ap_++;
    b.push_back(static_cast<std::uint8_t>(seq << 4));
    b.push_back(static_cast<std::uint8_t>(seq >> 4));
    if (qos) {
      b.push_back(0);
      b.push_back(0);
    }
    const Bytes llc{0xaa, 0xaa, 0x03, 0, 0, 0};
    return cat({b, llc, be16(ethertype_of(ip)), ip});
  }

 private:
  std::uint16_t seq_sta_ = 100;
  std::uint16_t seq_ap_ = 2000;
};

// Radiotap: version 0, length 10, present = Flags | Rate; no FCS, 24 Mb/s.
Bytes radiotap(const Bytes& frame) { return cat({Bytes{0, 0, 10, 0, 0x06, 0, 0, 0, 0x00, 48}, frame}); }

// ---- The files ----

void vlan_files(const std::string& dir, int& n) {
  write_capture(dir + "/qinq3.pcap", kLinkEthernet, wrap_all(connection(inner(n++, false)), [](bool c, const Bytes& ip) {
    return Outer::eth(c, 0x0800, ip, {{0x88a8, 100}, {0x8100, 200}, {0x8100, 300}});
  }));
  write_capture(dir + "/pbb.pcap", kLinkEthernet, wrap_all(connection(inner(n++, false)), [](bool c, const Bytes& ip) {
    return pbb(c, 0x010203, c, ip);
  }));
  // The same inner 4-tuple twice, at once, in VLAN 10 and VLAN 20.
  Endpoints a = inner(n++, false);
  Endpoints b = a;
  b.client_isn = 700000;
  b.server_isn = 900000;
  b.client_id = 0x5000;
  b.server_id = 0x6000;
  auto in_vlan = [](std::uint16_t id) {
    return [id](bool c, const Bytes& ip) { return Outer::eth(c, 0x0800, ip, {{0x8100, id}}); };
  };
  write_capture(dir + "/vlan-two-ids.pcap", kLinkEthernet,
                interleave(wrap_all(connection(a), in_vlan(10)), wrap_all(connection(b), in_vlan(20))));
  write_capture(dir + "/llc-snap.pcap", kLinkEthernet, wrap_all(connection(inner(n++, false)), [](bool c, const Bytes& ip) {
    return ethernet_llc_snap(c ? kMacB : kMacA, c ? kMacA : kMacB, 0x0800, ip);
  }));
}

void mpls_pppoe_files(const std::string& dir, int& n) {
  write_capture(dir + "/mpls2.pcap", kLinkEthernet, wrap_all(connection(inner(n++, false)), [](bool c, const Bytes& ip) {
    return Outer::eth(c, 0x8847, mpls({c ? 1000u : 1001u, c ? 2000u : 2001u}, ip));
  }));
  write_capture(dir + "/mpls-pw-cw.pcap", kLinkEthernet,
                wrap_all(connection(inner(n++, false)), [](bool c, const Bytes& ip) {
                  return Outer::eth(c, 0x8847, mpls({c ? 1000u : 1001u, c ? 3000u : 3001u},
                                                    cat({be32(0), inner_eth(c, ip, kPwMacClient, kPwMacServer)})));
                }));
  write_capture(dir + "/mpls-ipv6.pcap", kLinkEthernet, wrap_all(connection(inner(n++, true)), [](bool c, const Bytes& ip) {
    return Outer::eth(c, 0x8847, mpls({c ? 4000u : 4001u}, ip));
  }));
  write_capture(dir + "/pppoe.pcap", kLinkEthernet, wrap_all(connection(inner(n++, false)), [](bool c, const Bytes& ip) {
    return Outer::eth(c, 0x8864, pppoe_session(0x1234, 0x0021, ip));
  }));
  write_capture(dir + "/pppoe-ipv6.pcap", kLinkEthernet, wrap_all(connection(inner(n++, true)), [](bool c, const Bytes& ip) {
    return Outer::eth(c, 0x8864, pppoe_session(0x1235, 0x0057, ip));
  }));
}

void gre_files(const std::string& dir, int& n) {
  {
    Outer o;
    write_capture(dir + "/gre.pcap", kLinkEthernet, wrap_all(connection(inner(n++, false)), [&o](bool c, const Bytes& ip) {
      return Outer::eth(c, 0x0800, o.ip4(c, 47, gre({0x0800}, ip)));
    }));
  }
  {
    Outer o;
    std::uint32_t seq_a = 1, seq_b = 1;
    write_capture(dir + "/gre-key-seq.pcap", kLinkEthernet,
                  wrap_all(connection(inner(n++, false)), [&](bool c, const Bytes& ip) {
                    GreSpec g{0x0800};
                    g.has_key = true;
                    g.key = 0x2a;
                    g.has_sequence = true;
                    g.sequence = c ? seq_a++ : seq_b++;
                    return Outer::eth(c, 0x0800, o.ip4(c, 47, gre(g, ip)));
                  }));
  }
  {
    Outer o;
    write_capture(dir + "/gre-checksum.pcap", kLinkEthernet,
                  wrap_all(connection(inner(n++, false)), [&o](bool c, const Bytes& ip) {
                    GreSpec g{0x0800};
                    g.checksum = true;
                    return Outer::eth(c, 0x0800, o.ip4(c, 47, gre(g, ip)));
                  }));
  }
  {
    Outer o;
    write_capture(dir + "/gre-teb.pcap", kLinkEthernet,
                  wrap_all(connection(inner(n++, false)), [&o](bool c, const Bytes& ip) {
                    return Outer::eth(c, 0x0800, o.ip4(c, 47, gre({0x6558}, inner_eth(c, ip))));
                  }));
  }
  write_capture(dir + "/gre-ipv6-outer.pcap", kLinkEthernet,
                wrap_all(connection(inner(n++, false)), [](bool c, const Bytes& ip) {
                  return Outer::eth(c, 0x86dd, Outer::ip6(c, 47, gre({0x0800}, ip)));
                }));
}

// ERSPAN sessions run one way, from the mirroring switch (A) to the
// collector (B), whichever way the mirrored frame went.
void erspan_files(const std::string& dir, int& n) {
  {
    Outer o;
    write_capture(dir + "/erspan1.pcap", kLinkEthernet,
                  wrap_all(connection(inner(n++, false)), [&o](bool c, const Bytes& ip) {
                    return Outer::eth(true, 0x0800, o.ip4(true, 47, gre({0x88be}, inner_eth(c, ip))));
                  }));
  }
  {
    Outer o;
    std::uint32_t seq = 0;
    write_capture(dir + "/erspan2.pcap", kLinkEthernet,
                  wrap_all(connection(inner(n++, false)), [&](bool c, const Bytes& ip) {
                    GreSpec g{0x88be};
                    g.has_sequence = true;
                    g.sequence = seq++;
                    return Outer::eth(true, 0x0800,
                                      o.ip4(true, 47, gre(g, erspan2(10, 0x65, 0x00abc, inner_eth(c, ip)))));
                  }));
  }
  {
    Outer o;
    std::uint32_t seq = 0;
    std::uint64_t stamp = kStart;  // the frame's own time
    write_capture(dir + "/erspan3.pcap", kLinkEthernet,
                  wrap_all(connection(inner(n++, false)), [&](bool c, const Bytes& ip) {
                    GreSpec g{0x22eb};
                    g.has_sequence = true;
                    g.sequence = seq++;
                    const Bytes e = erspan3(10, 0x66, stamp, inner_eth(c, ip));
                    stamp += kStep;
                    return Outer::eth(true, 0x0800, o.ip4(true, 47, gre(g, e)));
                  }));
  }
}

void udp_tunnel_files(const std::string& dir, int& n) {
  auto vxlan_in = [](Outer& o, std::uint32_t vni, std::uint16_t sport_base) {
    return [&o, vni, sport_base](bool c, const Bytes& ip) {
      return Outer::eth(c, 0x0800,
                        o.udp4(c, static_cast<std::uint16_t>(sport_base + (c ? 0 : 1)), 4789,
                               vxlan(vni, inner_eth(c, ip))));
    };
  };
  {
    Outer o;
    write_capture(dir + "/vxlan.pcap", kLinkEthernet, wrap_all(connection(inner(n++, false)), vxlan_in(o, 4242, 50000)));
  }
  {
    Outer o;
    Endpoints a = inner(n++, false);
    Endpoints b = a;
    b.client_isn = 700000;
    b.server_isn = 900000;
    b.client_id = 0x5000;
    b.server_id = 0x6000;
    write_capture(dir + "/vxlan-two-vnis.pcap", kLinkEthernet,
                  interleave(wrap_all(connection(a), vxlan_in(o, 100, 50100)),
                             wrap_all(connection(b), vxlan_in(o, 200, 50200))));
  }
  {
    Outer o;
    const Bytes option = geneve_option(0x0000, 0x01, be32(0x0000beef));  // 8 bytes
    write_capture(dir + "/geneve.pcap", kLinkEthernet,
                  wrap_all(connection(inner(n++, false)), [&](bool c, const Bytes& ip) {
                    return Outer::eth(c, 0x0800, o.udp4(c, c ? 51000 : 51001, 6081,
                                                        geneve(0x123, 0x6558, option, inner_eth(c, ip))));
                  }));
  }
  {
    Outer o;
    write_capture(dir + "/geneve-ipv4.pcap", kLinkEthernet,
                  wrap_all(connection(inner(n++, false)), [&](bool c, const Bytes& ip) {
                    return Outer::eth(c, 0x0800, o.udp4(c, c ? 51002 : 51003, 6081, geneve(0x456, 0x0800, {}, ip)));
                  }));
  }
  {
    // The client behind a NAT (public 203.0.113.1:port), the relay at
    // 203.0.113.2:3544; packets from the relay carry an origin indication,
    // packets from the client do not.
    Outer o;
    Endpoints e = inner(n++, true);
    const std::uint16_t port = static_cast<std::uint16_t>(30000 + n);
    e.c6 = teredo_address(ipv4("192.0.2.45"), port, kTunA4);
    write_capture(dir + "/teredo.pcap", kLinkEthernet, wrap_all(connection(e), [&](bool c, const Bytes& ip) {
      if (c) return Outer::eth(true, 0x0800, o.udp4(true, port, 3544, ip));
      return Outer::eth(false, 0x0800, o.udp4(false, 3544, port, cat({teredo_origin(3544, kTunB4), ip})));
    }));
  }
  {
    // The client (A) tunnels to its PoP (B) at port 5072.
    Outer o;
    const Endpoints e = inner(n++, true);
    const Ipv6Address pop = ipv6(("fd00:0:2:" + std::to_string(n - 1) + "::1").c_str());
    std::uint32_t epoch = static_cast<std::uint32_t>(kStart / 1'000'000'000);
    write_capture(dir + "/ayiya.pcap", kLinkEthernet, wrap_all(connection(e), [&](bool c, const Bytes& ip) {
      const Bytes a = ayiya(c ? e.c6 : pop, epoch, 41, ip);
      return Outer::eth(c, 0x0800, c ? o.udp4(true, 40500, 5072, a) : o.udp4(false, 5072, 40500, a));
    }));
  }
  {
    // eNodeB/gNodeB (A) and the gateway (B); each side's TEID is the
    // receiver's. The second connection's headers carry a PDU session
    // container (UL PDU type 1 / DL type 0, QFI 9).
    Outer o;
    Endpoints a = inner(n++, false);
    Endpoints b = a;
    b.cport = static_cast<std::uint16_t>(a.cport + 1000);
    b.client_isn = 700000;
    b.server_isn = 900000;
    b.client_id = a.client_id + 8;
    b.server_id = a.server_id + 8;
    auto plain = [&](bool c, const Bytes& ip) {
      return Outer::eth(c, 0x0800, o.udp4(c, 2152, 2152, gtpu(c ? 0x0000a001 : 0x0000b001, ip)));
    };
    auto with_ext = [&](bool c, const Bytes& ip) {
      const GtpExtension pdu_session{0x85, c ? Bytes{0x10, 0x09} : Bytes{0x00, 0x09}};
      return Outer::eth(c, 0x0800, o.udp4(c, 2152, 2152, gtpu(c ? 0x0000a002 : 0x0000b002, ip, {pdu_session})));
    };
    write_capture(dir + "/gtpu.pcap", kLinkEthernet, concat(wrap_all(connection(a), plain), wrap_all(connection(b), with_ext)));
  }
}

void ip_in_ip_files(const std::string& dir, int& n) {
  for (const auto& [name, inner_v6, outer_v6] :
       {std::tuple{"ipip-4in4", false, false}, {"ipip-6in4", true, false}, {"ipip-4in6", false, true},
        {"ipip-6in6", true, true}}) {
    Outer o;
    write_capture(dir + "/" + name + ".pcap", kLinkEthernet,
                  wrap_all(connection(inner(n++, inner_v6)), [&o, outer_v6 = outer_v6](bool c, const Bytes& ip) {
                    return outer_v6 ? Outer::eth(c, 0x86dd, Outer::ip6(c, ip_protocol_of(ip), ip))
                                    : Outer::eth(c, 0x0800, o.ip4(c, ip_protocol_of(ip), ip));
                  }));
  }
}

void link_type_files(const std::string& dir, int& n) {
  // Request and response in QoS data frames, the rest in plain data frames.
  for (const bool with_radiotap : {false, true}) {
    Wlan w;
    const auto packets = connection(inner(n++, false));
    std::vector<Bytes> frames;
    for (std::size_t i = 0; i < packets.size(); ++i) {
      const Bytes f = w.frame(packets[i].from_client, packets[i].ip, i == 3 || i == 4);
      frames.push_back(with_radiotap ? radiotap(f) : f);
    }
    write_capture(dir + (with_radiotap ? "/wlan-radiotap.pcap" : "/wlan.pcap"),
                  with_radiotap ? kLinkIeee80211Radiotap : kLinkIeee80211, frames);
  }
  write_capture(dir + "/ppp.pcap", kLinkPpp, wrap_all(connection(inner(n++, false)), [](bool, const Bytes& ip) {
    return cat({Bytes{0xff, 0x03, 0x00, 0x21}, ip});
  }));
  write_capture(dir + "/ppp-hdlc.pcap", kLinkPppHdlc, wrap_all(connection(inner(n++, false)), [](bool, const Bytes& ip) {
    return cat({Bytes{0xff, 0x03, 0x00, 0x21}, ip});
  }));
  write_capture(dir + "/chdlc.pcap", kLinkCHdlc, wrap_all(connection(inner(n++, false)), [](bool, const Bytes& ip) {
    return cat({Bytes{0x0f, 0x00, 0x08, 0x00}, ip});
  }));
}

// VLAN 7 -> IPv4 -> GRE -> IPv4 -> UDP -> VXLAN -> Ethernet -> IPv4 -> TCP.
void deep_chain_file(const std::string& dir, int& n) {
  Outer o;
  const Ipv4Address mid_a = ipv4("100.64.0.1"), mid_b = ipv4("100.64.0.2");
  std::uint16_t mid_id_a = 0x7000, mid_id_b = 0x7100;
  write_capture(dir + "/vxlan-in-vlan-gre.pcap", kLinkEthernet,
                wrap_all(connection(inner(n++, false)), [&](bool c, const Bytes& ip) {
                  const auto& src = c ? mid_a : mid_b;
                  const auto& dst = c ? mid_b : mid_a;
                  Ipv4Spec mid{src, dst, 17};
                  mid.id = c ? mid_id_a++ : mid_id_b++;
                  const Bytes udp = udp_over_ipv4(c ? 52000 : 52001, 4789, vxlan(777, inner_eth(c, ip)), src, dst);
                  return Outer::eth(c, 0x0800, o.ip4(c, 47, gre({0x0800}, ipv4_packet(mid, udp))), {{0x8100, 7}});
                }));
}

// Frames whose encapsulation a decoder must refuse without reading past the
// frame or recursing without bound.
void hostile_file(const std::string& dir, int& n) {
  const auto packets = connection(inner(n++, false));
  const Bytes& syn = packets[0].ip;
  const Bytes& request = packets[3].ip;
  Outer o;
  std::vector<Bytes> frames;
  // IPv4 in IPv4 100 times over, TCP at the bottom (101 IPv4 headers).
  Bytes deep = request;
  for (int i = 0; i < 100; ++i) deep = o.ip4(true, 4, deep);
  frames.push_back(Outer::eth(true, 0x0800, deep));
  // 4in4 whose inner IPv4 header stops after 12 of its 20 bytes.
  frames.push_back(Outer::eth(true, 0x0800, o.ip4(true, 4, Bytes(syn.begin(), syn.begin() + 12))));
  // GRE whose inner IPv4 claims 1500 bytes (its checksum agrees with the lie).
  {
    Endpoints e = inner(n - 1, false);
    Ipv4Spec liar{e.c4, e.s4};
    liar.id = 0x1100;
    liar.total_length = 1500;
    TcpSpec t{e.cport, e.sport, 1001, 5001, flag::psh | flag::ack, 502, 0, {}, false, text(kRequest)};
    frames.push_back(Outer::eth(true, 0x0800, o.ip4(true, 47, gre({0x0800}, ipv4_packet(liar, tcp_over_ipv4(t, e.c4, e.s4))))));
  }
  // VXLAN cut after 4 of its 8 header bytes (UDP and IP lengths agree).
  frames.push_back(Outer::eth(true, 0x0800, o.udp4(true, 50000, 4789, Bytes{0x08, 0, 0, 0})));
  // 40 MPLS labels, none at the bottom of the stack, then the frame ends.
  {
    std::vector<std::uint32_t> labels;
    for (std::uint32_t i = 0; i < 40; ++i) labels.push_back(16 + i);
    frames.push_back(Outer::eth(true, 0x8847, mpls(labels, {}, false)));
  }
  // Geneve claiming 63 words (252 bytes) of options: one 8-byte option and
  // an inner Ethernet frame follow, far fewer bytes.
  frames.push_back(Outer::eth(
      true, 0x0800,
      o.udp4(true, 51000, 6081,
             geneve(0x123, 0x6558, geneve_option(0x0000, 0x01, be32(0xbeef)), inner_eth(true, request), 63))));
  // PPPoE session whose length field (1400) exceeds the frame.
  frames.push_back(Outer::eth(true, 0x8864, pppoe_session(0x1236, 0x0021, request, 1400)));
  write_capture(dir + "/hostile-encap.pcap", kLinkEthernet, frames);
}

}  // namespace

int main(int argc, char** argv) {
  // --hostile DIR writes only hostile-encap.pcap (tests/hostile runs it; it
  // is not kept in captures/, whose every file tcpdump must print alike:
  // tcpdump follows a 100-deep tunnel, tcplens stops at its bound).
  const bool hostile_only = argc == 3 && std::string(argv[1]) == "--hostile";
  if (argc != 2 && !hostile_only) {
    std::fprintf(stderr, "usage: %s OUTPUT_DIR | --hostile OUTPUT_DIR\n", argv[0]);
    return 2;
  }
  const std::string dir = argv[argc - 1];
  int n = 1;  // the next file's number: its inner addresses
  if (hostile_only) {
    n = 100;
    hostile_file(dir, n);
    return 0;
  }
  vlan_files(dir, n);
  mpls_pppoe_files(dir, n);
  gre_files(dir, n);
  erspan_files(dir, n);
  udp_tunnel_files(dir, n);
  ip_in_ip_files(dir, n);
  link_type_files(dir, n);
  deep_chain_file(dir, n);
  return 0;
}
