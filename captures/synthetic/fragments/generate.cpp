// Generates the synthetic IP fragment captures in this folder: HTTP
// connections whose request and response travel in IP fragments, as a
// path with a small MTU (or a tunnel that adds headers) makes them.
//
//   ipv4-fragments.pcap  IPv4: the request in 3 fragments out of order
//                        (last, first, middle), the response in 2 in order
//                        with the first sent twice; then a datagram whose
//                        overlapping fragments disagree (first bytes kept)
//                        and one whose last fragment never comes.
//   ipv6-fragments.pcap  IPv6 (Fragment header): the request in 3
//                        fragments in order, the response in 2, last first.
//   tunnel-fragments.pcap  VXLAN whose outer IPv4 packet is fragmented (the
//                        inner Ethernet frame is split across 2 fragments),
//                        and GRE carrying inner IPv4 fragments.
//
// Lengths and checksums are correct; fragment offsets are multiples of 8;
// timestamps are fixed, 1 ms apart (the incomplete datagram is followed by
// a frame 31 s later, past the 30 s default timeout).
//
// usage: generate_fragment_captures OUTPUT_DIR
#include <string>

#include "capgen.hpp"

using namespace capgen;

namespace {

constexpr std::uint64_t kStart = kSyntheticStart;  // 2023-11-14 22:13:20 UTC
constexpr std::uint64_t kStep = 1'000'000;                          // 1 ms

const MacAddress kMacA = mac("02:00:00:00:00:01");
const MacAddress kMacB = mac("02:00:00:00:00:02");

struct Frame {
  Bytes bytes;
  std::uint64_t gap = kStep;  // after the frame before
};

void write_capture(const std::string& path, const std::vector<Frame>& frames) {
  CaptureWriter w(path, kLinkEthernet);
  std::uint64_t ts = kStart;
  for (const auto& f : frames) {
    ts += f.gap;
    w.write(ts, f.bytes);
  }
}

Bytes eth(bool from_client, const Bytes& ip) {
  const std::uint16_t type = (ip[0] >> 4) == 6 ? 0x86dd : 0x0800;
  return ethernet_frame(from_client ? kMacB : kMacA, from_client ? kMacA : kMacB, type, ip);
}

std::string filler(std::size_t n, char first) {
  std::string s;
  for (std::size_t i = 0; i < n; ++i) s.push_back(static_cast<char>(first + i % 26));
  return s;
}

// A request of 1211 and a response of 1421 bytes (within the 1460-byte MSS):
// too big for a 576-byte MTU or a tunnel's smaller one.
const std::string kRequest = "POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 1155\r\n\r\n" + filler(1155, 'a');
const std::string kResponse = "HTTP/1.1 200 OK\r\nContent-Length: 1380\r\n\r\n" + filler(1380, 'A');

// The TCP segments of one connection: SYN, SYN-ACK, ACK, request, response,
// FIN/ACK, FIN/ACK, ACK.
struct Segment {
  bool from_client;
  TcpSpec tcp;
};

std::vector<Segment> connection(std::uint16_t cport) {
  const std::uint32_t c = 1000, s = 5000;
  const auto req = static_cast<std::uint32_t>(kRequest.size());
  const auto rsp = static_cast<std::uint32_t>(kResponse.size());
  const Bytes opts = cat({opt_mss(1460), opt_sack_permitted(), opt_nop(), opt_wscale(7)});
  return {
      {true, {cport, 80, c, 0, flag::syn, 64240, 0, opts}},
      {false, {80, cport, s, c + 1, flag::syn | flag::ack, 65160, 0, opts}},
      {true, {cport, 80, c + 1, s + 1, flag::ack, 502}},
      {true, {cport, 80, c + 1, s + 1, flag::psh | flag::ack, 502, 0, {}, false, text(kRequest)}},
      {false, {80, cport, s + 1, c + 1 + req, flag::psh | flag::ack, 509, 0, {}, false, text(kResponse)}},
      {true, {cport, 80, c + 1 + req, s + 1 + rsp, flag::fin | flag::ack, 502}},
      {false, {80, cport, s + 1 + rsp, c + 2 + req, flag::fin | flag::ack, 509}},
      {true, {cport, 80, c + 2 + req, s + 2 + rsp, flag::ack, 502}},
  };
}

// Byte ranges of a datagram's payload: [cuts[i], cuts[i+1]).
std::vector<Bytes> split(const Bytes& payload, const std::vector<std::size_t>& cuts) {
  std::vector<Bytes> parts;
  for (std::size_t i = 0; i + 1 < cuts.size(); ++i)
    parts.emplace_back(payload.begin() + static_cast<std::ptrdiff_t>(cuts[i]),
                       payload.begin() + static_cast<std::ptrdiff_t>(std::min(cuts[i + 1], payload.size())));
  return parts;
}

// IPv4 fragments of `payload` (protocol, id), cut at `cuts` (multiples of 8).
std::vector<Bytes> ipv4_fragments(Ipv4Spec ip, const Bytes& payload, const std::vector<std::size_t>& cuts) {
  std::vector<Bytes> out;
  ip.dont_fragment = false;
  const auto parts = split(payload, cuts);
  for (std::size_t i = 0; i < parts.size(); ++i) {
    ip.fragment_offset = static_cast<std::uint16_t>(cuts[i] / 8);
    ip.more_fragments = i + 1 < parts.size();
    out.push_back(ipv4_packet(ip, parts[i]));
  }
  return out;
}

// IPv6 Fragment header body (after its next-header byte).
Bytes fragment_header(std::size_t offset, bool more, std::uint32_t id) {
  Bytes b{0};
  const auto word = static_cast<std::uint16_t>(offset | (more ? 1u : 0u));
  b.push_back(static_cast<std::uint8_t>(word >> 8));
  b.push_back(static_cast<std::uint8_t>(word & 0xff));
  const Bytes i = be32(id);
  b.insert(b.end(), i.begin(), i.end());
  return b;
}

std::vector<Bytes> ipv6_fragments(Ipv6Spec ip, const Bytes& payload, const std::vector<std::size_t>& cuts,
                                  std::uint32_t id) {
  std::vector<Bytes> out;
  const auto parts = split(payload, cuts);
  for (std::size_t i = 0; i < parts.size(); ++i) {
    Ipv6Spec f = ip;
    f.extensions.push_back({44, fragment_header(cuts[i], i + 1 < parts.size(), id)});
    out.push_back(ipv6_packet(f, parts[i]));
  }
  return out;
}

void ipv4_file(const std::string& dir) {
  const Ipv4Address client = ipv4("192.0.2.10"), server = ipv4("198.51.100.80");
  std::vector<Frame> frames;
  std::uint16_t cid = 0x1000, sid = 0x2000;
  for (const auto& [from_client, t] : connection(40001)) {
    Ipv4Spec ip{from_client ? client : server, from_client ? server : client};
    ip.id = from_client ? cid++ : sid++;
    const Bytes seg = tcp_over_ipv4(t, ip.src, ip.dst);
    if (t.payload.size() == kRequest.size()) {  // 3 fragments: last, first, middle
      const auto f = ipv4_fragments(ip, seg, {0, 552, 1104, seg.size()});
      for (const std::size_t i : {2, 0, 1}) frames.push_back({eth(true, f[i])});
    } else if (t.payload.size() == kResponse.size()) {  // 2 in order, the first twice
      const auto f = ipv4_fragments(ip, seg, {0, 1024, seg.size()});
      frames.push_back({eth(false, f[0])});
      frames.push_back({eth(false, f[0])});
      frames.push_back({eth(false, f[1])});
    } else {
      ip.dont_fragment = true;
      frames.push_back({eth(from_client, ipv4_packet(ip, seg))});
    }
  }
  // A second connection's SYN whose fragments overlap and disagree: bytes
  // 16..23 come twice, the second time different (the first are kept, so
  // the checksum that covers them holds).
  {
    TcpSpec syn{40002, 80, 7000, 0, flag::syn, 64240, 0, cat({opt_mss(1460), opt_sack_permitted(), opt_nop(), opt_wscale(7)})};
    Ipv4Spec ip{client, server};
    ip.id = 0x1100;
    const Bytes seg = tcp_over_ipv4(syn, client, server);  // 32 bytes
    auto f = ipv4_fragments(ip, seg, {0, 24, seg.size()});
    Bytes liar = seg;
    for (std::size_t i = 16; i < 24; ++i) liar[i] ^= 0xff;
    Ipv4Spec late = ip;
    late.dont_fragment = false;
    late.fragment_offset = 2;  // bytes 16..31, overlapping 16..23
    frames.push_back({eth(true, f[0])});
    frames.push_back({eth(true, ipv4_packet(late, Bytes(liar.begin() + 16, liar.end())))});
  }
  // A third connection's request whose last fragment never comes; 31 s
  // later (past the timeout) an unfragmented SYN on another port.
  {
    TcpSpec t{40003, 80, 9001, 5001, flag::psh | flag::ack, 502, 0, {}, false, text(kRequest)};
    Ipv4Spec ip{client, server};
    ip.id = 0x1200;
    const Bytes seg = tcp_over_ipv4(t, client, server);
    const auto f = ipv4_fragments(ip, seg, {0, 552, 1104, seg.size()});
    frames.push_back({eth(true, f[0])});
    frames.push_back({eth(true, f[1])});
    TcpSpec syn{40004, 80, 11000, 0, flag::syn, 64240};
    Ipv4Spec plain{client, server};
    plain.id = 0x1300;
    frames.push_back({eth(true, ipv4_packet(plain, tcp_over_ipv4(syn, client, server))), 31'000'000'000ull});
  }
  write_capture(dir + "/ipv4-fragments.pcap", frames);
}

void ipv6_file(const std::string& dir) {
  const Ipv6Address client = ipv6("2001:db8::10"), server = ipv6("2001:db8:1::80");
  std::vector<Frame> frames;
  std::uint32_t id = 0x50000;
  for (const auto& [from_client, t] : connection(40011)) {
    Ipv6Spec ip{from_client ? client : server, from_client ? server : client};
    const Bytes seg = tcp_over_ipv6(t, ip.src, ip.dst);
    if (t.payload.size() == kRequest.size()) {  // 3 in order
      for (const auto& f : ipv6_fragments(ip, seg, {0, 512, 1024, seg.size()}, id++))
        frames.push_back({eth(true, f)});
    } else if (t.payload.size() == kResponse.size()) {  // 2, the last first
      const auto f = ipv6_fragments(ip, seg, {0, 1232, seg.size()}, id++);
      frames.push_back({eth(false, f[1])});
      frames.push_back({eth(false, f[0])});
    } else {
      frames.push_back({eth(from_client, ipv6_packet(ip, seg))});
    }
  }
  write_capture(dir + "/ipv6-fragments.pcap", frames);
}

void tunnel_file(const std::string& dir) {
  const Ipv4Address tun_a = ipv4("203.0.113.1"), tun_b = ipv4("203.0.113.2");
  const Ipv4Address client = ipv4("10.1.0.10"), server = ipv4("10.2.0.80");
  const MacAddress inner_client = mac("02:00:00:00:01:01"), inner_server = mac("02:00:00:00:01:02");
  std::vector<Frame> frames;
  std::uint16_t outer_id = 0x3000, cid = 0x1000, sid = 0x2000;
  // VXLAN (VNI 42): the outer IPv4 packet of every segment with data is cut
  // in 2 fragments (offset 0 holds UDP, VXLAN and the inner headers).
  for (const auto& [from_client, t] : connection(40021)) {
    Ipv4Spec ip{from_client ? client : server, from_client ? server : client};
    ip.id = from_client ? cid++ : sid++;
    const Bytes inner_ip = ipv4_packet(ip, tcp_over_ipv4(t, ip.src, ip.dst));
    const Bytes inner_eth = ethernet_frame(from_client ? inner_server : inner_client,
                                           from_client ? inner_client : inner_server, 0x0800, inner_ip);
    Ipv4Spec outer{from_client ? tun_a : tun_b, from_client ? tun_b : tun_a, 17};
    outer.id = outer_id++;
    const Bytes udp = udp_over_ipv4(50000, 4789, vxlan(42, inner_eth), outer.src, outer.dst);
    if (t.payload.empty()) {
      frames.push_back({eth(from_client, ipv4_packet(outer, udp))});
      continue;
    }
    for (const auto& f : ipv4_fragments(outer, udp, {0, 504, udp.size()})) frames.push_back({eth(from_client, f)});
  }
  // GRE (unfragmented outer IPv4) carrying the request of a second
  // connection in 2 inner IPv4 fragments, the last first.
  {
    TcpSpec t{40022, 80, 1001, 5001, flag::psh | flag::ack, 502, 0, {}, false, text(kRequest)};
    Ipv4Spec ip{client, server};
    ip.id = 0x1400;
    const Bytes seg = tcp_over_ipv4(t, client, server);
    const auto f = ipv4_fragments(ip, seg, {0, 600, seg.size()});
    for (const std::size_t i : {1, 0}) {
      Ipv4Spec outer{tun_a, tun_b, 47};
      outer.id = outer_id++;
      frames.push_back({eth(true, ipv4_packet(outer, gre({0x0800}, f[i])))});
    }
  }
  write_capture(dir + "/tunnel-fragments.pcap", frames);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s OUTPUT_DIR\n", argv[0]);
    return 2;
  }
  const std::string dir = argv[1];
  ipv4_file(dir);
  ipv6_file(dir);
  tunnel_file(dir);
  return 0;
}
