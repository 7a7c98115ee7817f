// Generates the synthetic decoding captures in this folder: one TCP
// conversation over every supported link type and file format, and a capture
// of IPv4/IPv6/TCP edge cases (options, fragments, truncation, bad lengths,
// HTTP payloads). Their expected output is whatever the installed tcpdump
// prints: tests/compat compares tcplens with it line by line.
//
// usage: generate_decode_captures OUTPUT_DIR
#include <string>

#include "capgen.hpp"

using namespace capgen;

namespace {

constexpr std::uint64_t kStart = kSyntheticStart;  // 2023-11-14 22:13:20 UTC

const Ipv4Address kClient4 = ipv4("192.0.2.10");
const Ipv4Address kServer4 = ipv4("198.51.100.20");
const Ipv6Address kClient6 = ipv6("2001:db8::10");
const Ipv6Address kServer6 = ipv6("2001:db8:0:1::20");

// A short HTTP exchange: handshake, request, response, FIN/ACK teardown.
std::vector<TcpSpec> conversation() {
  const Bytes syn_opts = cat({opt_mss(1460), opt_sack_permitted(), opt_timestamp(100, 0), opt_nop(), opt_wscale(7)});
  std::vector<TcpSpec> s;
  s.push_back({40000, 8080, 1000, 0, flag::syn, 64240, 0, syn_opts});
  s.push_back({8080, 40000, 5000, 1001, flag::syn | flag::ack, 65160, 0, syn_opts});
  s.push_back({40000, 8080, 1001, 5001, flag::ack, 502, 0, cat({opt_nop(), opt_nop(), opt_timestamp(101, 200)})});
  s.push_back({40000, 8080, 1001, 5001, flag::psh | flag::ack, 502, 0, {}, false,
               text("GET /index.html HTTP/1.1\r\nHost: example\r\n\r\n")});
  s.push_back({8080, 40000, 5001, 1044, flag::psh | flag::ack, 509, 0, {}, false,
               text("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello")});
  s.push_back({40000, 8080, 1044, 5044, flag::fin | flag::ack, 502});
  s.push_back({8080, 40000, 5044, 1045, flag::fin | flag::ack, 509});
  s.push_back({40000, 8080, 1045, 5045, flag::ack, 502});
  return s;
}

Bytes ip4_frame(const TcpSpec& t) {
  const bool from_client = t.sport == 40000;
  const auto& src = from_client ? kClient4 : kServer4;
  const auto& dst = from_client ? kServer4 : kClient4;
  return ipv4_packet({src, dst}, tcp_over_ipv4(t, src, dst));
}

Bytes ip6_frame(const TcpSpec& t) {
  const bool from_client = t.sport == 40000;
  const auto& src = from_client ? kClient6 : kServer6;
  const auto& dst = from_client ? kServer6 : kClient6;
  return ipv6_packet({src, dst}, tcp_over_ipv6(t, src, dst));
}

template <typename Wrap>
void write_conversation(const std::string& path, int linktype, FileFormat format, bool v6, Wrap wrap) {
  CaptureWriter w(path, linktype, format);
  std::uint64_t ts = kStart;
  for (const auto& seg : conversation()) {
    w.write(ts, wrap(v6 ? ip6_frame(seg) : ip4_frame(seg)));
    ts += 20'123'457;  // 20.123457 ms: exercises the nanosecond digits
  }
}

void link_types(const std::string& dir) {
  auto eth4 = [](const Bytes& p) { return ethernet(0x0800, p); };
  auto eth6 = [](const Bytes& p) { return ethernet(0x86dd, p); };
  write_conversation(dir + "/ethernet-ipv4.pcap", kLinkEthernet, FileFormat::pcap_micro, false, eth4);
  write_conversation(dir + "/ethernet-ipv6-nano.pcap", kLinkEthernet, FileFormat::pcap_nano, true, eth6);
  write_conversation(dir + "/ethernet-ipv6.pcapng", kLinkEthernet, FileFormat::pcapng, true, eth6);
  write_conversation(dir + "/vlan-qinq-ipv4.pcap", kLinkEthernet, FileFormat::pcap_micro, false,
                     [](const Bytes& p) { return ethernet(0x0800, p, {100, 200}, 0x88a8); });
  write_conversation(dir + "/vlan-8021q-ipv6.pcap", kLinkEthernet, FileFormat::pcap_micro, true,
                     [](const Bytes& p) { return ethernet(0x86dd, p, {42}); });
  write_conversation(dir + "/linux-sll-ipv4.pcap", kLinkSll, FileFormat::pcap_micro, false,
                     [](const Bytes& p) { return linux_sll(0x0800, p, 4); });
  write_conversation(dir + "/linux-sll2-ipv6.pcap", kLinkSll2, FileFormat::pcap_micro, true,
                     [](const Bytes& p) { return linux_sll2(0x86dd, p, 1, 4); });
  write_conversation(dir + "/linux-sll2-unknown-ifindex.pcap", kLinkSll2, FileFormat::pcap_micro, false,
                     [](const Bytes& p) { return linux_sll2(0x0800, p, 4000000, 0); });
  write_conversation(dir + "/bsd-null-ipv4.pcap", kLinkNull, FileFormat::pcap_micro, false,
                     [](const Bytes& p) { return bsd_null(2, p); });
  write_conversation(dir + "/bsd-null-ipv6.pcap", kLinkNull, FileFormat::pcap_micro, true,
                     [](const Bytes& p) { return bsd_null(30, p); });
  write_conversation(dir + "/bsd-loop-ipv6.pcap", kLinkLoop, FileFormat::pcap_micro, true,
                     [](const Bytes& p) { return bsd_loop(24, p); });
  write_conversation(dir + "/raw-ipv4.pcap", kLinkRaw, FileFormat::pcap_micro, false, [](const Bytes& p) { return p; });
  write_conversation(dir + "/raw-ipv6.pcap", kLinkRaw, FileFormat::pcap_micro, true, [](const Bytes& p) { return p; });
  write_conversation(dir + "/linktype-ipv4.pcap", kLinkIpv4, FileFormat::pcap_micro, false,
                     [](const Bytes& p) { return p; });
  write_conversation(dir + "/linktype-ipv6.pcapng", kLinkIpv6, FileFormat::pcapng, true,
                     [](const Bytes& p) { return p; });
}

class EdgeWriter {
 public:
  explicit EdgeWriter(const std::string& path) : w_(path, kLinkEthernet) {}
  void v4(const TcpSpec& t, Ipv4Spec ip = {}, std::uint32_t caplen = UINT32_MAX, std::uint32_t wire = 0) {
    ip.src = kClient4;
    ip.dst = kServer4;
    emit(ethernet(0x0800, ipv4_packet(ip, tcp_over_ipv4(t, kClient4, kServer4))), caplen, wire);
  }
  void v6(const TcpSpec& t, Ipv6Spec ip = {}, std::uint32_t caplen = UINT32_MAX, std::uint32_t wire = 0) {
    ip.src = kClient6;
    ip.dst = kServer6;
    emit(ethernet(0x86dd, ipv6_packet(ip, tcp_over_ipv6(t, kClient6, kServer6))), caplen, wire);
  }
  void raw(const Bytes& frame) { emit(frame, UINT32_MAX, 0); }

 private:
  void emit(const Bytes& frame, std::uint32_t caplen, std::uint32_t wire) {
    w_.write(ts_, frame, wire, caplen);
    ts_ += 1'000'000;
  }
  CaptureWriter w_;
  std::uint64_t ts_ = kStart;
};

TcpSpec seg(std::uint8_t flags, Bytes options = {}, Bytes payload = {}, std::uint16_t sport = 40001,
            std::uint16_t dport = 5555) {
  TcpSpec t;
  t.sport = sport;
  t.dport = dport;
  t.seq = 0x10000000;
  t.ack = 0x20000000;
  t.flags = flags;
  t.window = 1024;
  t.options = std::move(options);
  t.payload = std::move(payload);
  return t;
}

void option_cases(EdgeWriter& e) {
  e.v4(seg(flag::syn, Bytes{19, 18, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}));  // md5
  e.v4(seg(flag::ack, Bytes{28, 4, 0x01, 0x2d}));                                          // uto, minutes
  e.v4(seg(flag::ack, Bytes{28, 4, 0x00, 0x78}));                                          // uto, seconds
  e.v4(seg(flag::syn, Bytes{20, 4, 0x80, 0x07}));                                          // scps
  e.v4(seg(flag::ack, Bytes{6, 6, 0, 0, 1, 0, 7, 6, 0, 0, 2, 0}));                         // echo, echoreply
  e.v4(seg(flag::syn, Bytes{11, 6, 0, 0, 0, 9, 12, 6, 0, 0, 0, 10, 13, 6, 0, 0, 0, 11}));  // cc, ccnew, ccecho
  e.v4(seg(flag::ack, Bytes{99, 4, 0xde, 0xad}));                                          // unknown kind
  e.v4(seg(flag::ack, Bytes{99, 2}));                                                      // unknown, no data
  e.v4(seg(flag::syn, Bytes{2, 5, 5, 0xb4, 0, 1, 1, 1}, {}));                              // mss with length 5
  e.v4(seg(flag::ack, Bytes{1, 1, 2, 1}));                                                 // length 1: bad opt
  e.v4(seg(flag::ack, Bytes{2, 9, 5, 0xb4}));                                              // length past the end
  e.v4(seg(flag::syn, Bytes{254, 4, 0xf9, 0x89}));                                         // exp-tfo cookiereq
  e.v4(seg(flag::syn, Bytes{254, 12, 0xf9, 0x89, 1, 2, 3, 4, 5, 6, 7, 8}));                // exp-tfo cookie
  e.v4(seg(flag::syn, Bytes{254, 6, 0x12, 0x34, 0, 0}));                                   // exp-1234
  e.v4(seg(flag::syn, Bytes{34, 2, 34, 10, 1, 2, 3, 4, 5, 6, 7, 8}));                      // tfo request, cookie
  e.v4(seg(flag::syn, Bytes{34, 5, 1, 2, 3}));                                             // tfo odd cookie
  e.v4(seg(flag::ack, Bytes{29, 8, 7, 9, 0xaa, 0xbb, 0xcc, 0xdd}));                        // tcp-ao
  e.v4(seg(flag::ack, Bytes{29, 3, 7, 1}));                                                // tcp-ao too short
  e.v4(seg(flag::ack, opt_sack({{0x20000100, 0x20000200}, {0x20000300, 0x20000400}})));   // sack blocks
  e.v4(seg(flag::ack, Bytes{5, 7, 0, 0, 0, 1, 0}));                                        // sack, odd length
  e.v4(seg(flag::syn, Bytes{0, 2, 4, 0}));                                                 // eol then junk
  e.v4(seg(flag::ack, Bytes{30, 12, 0x20, 0x01, 0, 0, 0, 5, 0, 0, 0, 6}));                 // mptcp dss
  e.v4(seg(flag::syn, Bytes{30, 12, 0x00, 0x81, 1, 2, 3, 4, 5, 6, 7, 8}));                 // mptcp capable v0 csum
  e.v4(seg(flag::ack, Bytes{30, 4, 0x55, 0x01}));                                          // mptcp prio
}

void truncation_cases(EdgeWriter& e) {
  const TcpSpec withopts = seg(flag::syn, cat({opt_mss(1460), opt_timestamp(7, 0), opt_wscale(2)}));
  e.v4(withopts, {}, 14 + 20 + 2);        // ports cut: "a > b: [|tcp]"
  e.v4(withopts, {}, 14 + 20 + 10);       // header cut: "a.p > b.q:  [|tcp]"
  e.v4(withopts, {}, 14 + 20 + 20 + 1);   // first option's length byte missing
  e.v4(withopts, {}, 14 + 20 + 20 + 3);   // inside the first option's data
  e.v4(withopts, {}, 14 + 20 + 20 + 9);   // inside the second option
  e.v6(withopts, {}, 14 + 40 + 2);
  e.v6(withopts, {}, 14 + 40 + 30);
  TcpSpec http = seg(flag::psh | flag::ack, {}, text("GET /a-long-path HTTP/1.1\r\nHost: x\r\n\r\n"), 40002, 80);
  e.v4(http, {}, 14 + 20 + 20 + 10);      // request line cut short
  e.v4(http, {}, 14 + 20 + 20 + 30);      // request line complete, rest cut
  TcpSpec bad_short = seg(flag::ack);
  bad_short.data_offset_words = 3;
  e.v4(bad_short);
  TcpSpec bad_long = seg(flag::ack, {}, text("abc"));
  bad_long.data_offset_words = 15;
  e.v4(bad_long);
  Ipv4Spec missing;
  missing.total_length = 1000;  // the IP header claims more than reached the wire
  e.v4(seg(flag::ack, {}, text("0123456789")), missing);
  Ipv6Spec missing6;
  missing6.payload_length = 900;
  e.v6(seg(flag::ack, {}, text("0123456789")), missing6);
}

void ip_cases(EdgeWriter& e) {
  Ipv4Spec with_options;
  with_options.options = Bytes{7, 7, 4, 0, 0, 0, 0};  // record route
  e.v4(seg(flag::ack, {}, text("data")), with_options);
  Ipv4Spec first_fragment;
  first_fragment.dont_fragment = false;
  first_fragment.more_fragments = true;
  e.v4(seg(flag::psh | flag::ack, {}, text("first fragment")), first_fragment);
  Ipv4Spec later_fragment = first_fragment;
  later_fragment.fragment_offset = 3;
  e.v4(seg(flag::ack, {}, text("later fragment")), later_fragment);
  // Ethernet padding after a short IP packet must not count as payload.
  Bytes padded = ethernet(0x0800, ipv4_packet({kClient4, kServer4}, tcp_over_ipv4(seg(flag::ack), kClient4, kServer4)));
  padded.resize(padded.size() + 6, 0);
  e.raw(padded);

  const Bytes pad_n{1, 4, 0, 0, 0, 0};  // PadN, filling a header to 8 bytes
  e.v6(seg(flag::ack, {}, text("hbh")), Ipv6Spec{{}, {}, 64, {{0, cat({Bytes{0}, pad_n})}}});
  e.v6(seg(flag::ack, {}, text("dst")), Ipv6Spec{{}, {}, 64, {{60, cat({Bytes{0}, pad_n})}}});
  Bytes rt0{4, 0, 1, 0, 0, 0, 0};  // len=4 (2 addresses), type 0, segleft 1, reserved
  for (const char* a : {"2001:db8::a", "2001:db8::b"}) {
    const auto x = ipv6(a);
    rt0.insert(rt0.end(), x.b.begin(), x.b.end());
  }
  e.v6(seg(flag::ack, {}, text("rt0")), Ipv6Spec{{}, {}, 64, {{43, rt0}}});
  Bytes rt2{2, 2, 1, 0, 0, 0, 0};
  const auto home = ipv6("2001:db8::c");
  rt2.insert(rt2.end(), home.b.begin(), home.b.end());
  e.v6(seg(flag::ack, {}, text("rt2")), Ipv6Spec{{}, {}, 64, {{43, rt2}}});
  Bytes srh{2, 4, 0, 0, 0, 0x12, 0x34};  // len=2, type 4, segleft 0, last-entry 0, flags 0, tag 0x1234
  srh.insert(srh.end(), home.b.begin(), home.b.end());
  e.v6(seg(flag::ack, {}, text("srh")), Ipv6Spec{{}, {}, 64, {{43, srh}}});
  e.v6(seg(flag::ack, {}, text("frag0")), Ipv6Spec{{}, {}, 64, {{44, Bytes{0, 0, 1, 0, 0, 0, 7}}}});
  e.v6(seg(flag::ack, {}, text("frag1")), Ipv6Spec{{}, {}, 64, {{44, Bytes{0, 0, 0x18, 0, 0, 0, 7}}}});
  e.v6(seg(flag::ack, {}, text("two")),
       Ipv6Spec{{}, {}, 64, {{0, cat({Bytes{0}, pad_n})}, {60, cat({Bytes{0}, pad_n})}}});
}

void http_cases(EdgeWriter& e) {
  auto to80 = [](const std::string& body, std::uint16_t sport = 40003) {
    return seg(flag::psh | flag::ack, {}, text(body), sport, 80);
  };
  e.v4(to80("GET / HTTP/1.1\r\nHost: a\r\n\r\n"));
  e.v4(to80("get /lower HTTP/1.0\r\n\r\n"));
  e.v4(to80("HTTP/1.1 404 Not Found\r\n\r\n"));
  e.v4(to80("hello, this is not HTTP\r\n"));
  e.v4(to80("POST /no-line-end HTTP/1.1"));
  e.v4(to80(std::string("\x16\x03\x01\x02\x00binary", 11)));
  e.v4(to80("GET /only-lf HTTP/1.1\nHost: a\n\n"));
  e.v4(to80("GET /cr-alone\rx HTTP/1.1\r\n"));
  e.v4(to80("SSH-2.0-OpenSSH_9.0\r\n", 22));  // port 22 wins over 80
  e.v4(seg(flag::psh | flag::ack, {}, text("HTTP/1.0 200 OK\r\n\r\n"), 8080, 40004));
}

void flag_cases(EdgeWriter& e) {
  for (const std::uint8_t f : {0x00, 0xff, 0xc2, 0x52, 0x38, 0x29, 0x01, 0x04, 0x14}) {
    TcpSpec t = seg(f, {}, {}, 40005, 5556);
    t.urgent = 7;
    e.v4(t);
  }
}

void relative_numbering(EdgeWriter& e) {
  // Mid-stream: the first ACK-bearing packet seeds tcpdump's bases.
  TcpSpec a = seg(flag::ack, {}, text("xyz"), 40006, 5557);
  e.v4(a);
  TcpSpec b = seg(flag::ack, opt_sack({{0x10000010, 0x10000020}}), {}, 5557, 40006);
  b.seq = 0x20000000;
  b.ack = 0x10000003;
  e.v4(b);
  // Same ports on both sides: ordered by address.
  TcpSpec c = seg(flag::ack, {}, text("q"), 7000, 7000);
  e.v4(c);
  e.v4(c);
  // A SYN-ACK reseeds; a SYN without ACK is always absolute.
  e.v4(seg(flag::syn, {}, {}, 40006, 5557));
  e.v4(seg(flag::syn | flag::ack, {}, {}, 40006, 5557));
  e.v4(seg(flag::ack, {}, text("after reseed"), 40006, 5557));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s OUTPUT_DIR\n", argv[0]);
    return 2;
  }
  const std::string dir = argv[1];
  link_types(dir);
  EdgeWriter edges(dir + "/edge-cases.pcap");
  option_cases(edges);
  truncation_cases(edges);
  ip_cases(edges);
  http_cases(edges);
  flag_cases(edges);
  relative_numbering(edges);
  return 0;
}
