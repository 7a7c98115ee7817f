// Expected strings here were checked against tcpdump 4.99.3 on the same
// bytes (captures/synthetic/decode/edge-cases.pcap holds the same cases and
// tests/compat compares them with the installed tcpdump).
#include "tcplens/render/tcpdump_line.hpp"

#include <catch2/catch.hpp>

#include "support/frames.hpp"

using namespace tcplens;
using testing::ethernet_ipv4_tcp;
using testing::simple_tcp;

namespace {
std::string line_of(const testing::OwnedFrame& f, ShownNumbers n = {}) {
  const auto pkt = f.decode(1);
  if (n.seq == 0 && n.ack == 0) n = {pkt.tcp.seq, pkt.tcp.ack, 0};
  TextBuffer out;
  render_tcpdump_line(out, pkt, n);
  return fmt::to_string(out);
}
const std::string kEndpoints = "IP 10.0.0.1.40000 > 10.0.0.2.80: ";
}  // namespace

TEST_CASE("Flags in tcpdump's order, seq range only with payload, ack only with ACK", "[render][line]") {
  CHECK(line_of(ethernet_ipv4_tcp(simple_tcp(capgen::flag::syn))) ==
        kEndpoints + "Flags [S], seq 1000, win 512, length 0");
  CHECK(line_of(ethernet_ipv4_tcp(simple_tcp(capgen::flag::ack))) ==
        kEndpoints + "Flags [.], ack 2000, win 512, length 0");
  CHECK(line_of(ethernet_ipv4_tcp(simple_tcp(0))) == kEndpoints + "Flags [none], win 512, length 0");
  CHECK(line_of(ethernet_ipv4_tcp(simple_tcp(0xff))) ==
        kEndpoints + "Flags [FSRP.UEW], seq 1000, ack 2000, win 512, urg 0, length 0");
}

TEST_CASE("Option quirks reproduced: fixed-size advance, [len N], [bad opt], truncation marks", "[render][line]") {
  auto raw_opts = [](capgen::Bytes b, std::uint8_t flags = capgen::flag::syn) {
    auto t = simple_tcp(flags, std::move(b));
    t.exact_options = true;
    return t;
  };
  CHECK(line_of(ethernet_ipv4_tcp(raw_opts({2, 5, 5, 0xb4, 0, 1, 1, 1}))) ==
        kEndpoints + "Flags [S], seq 1000, win 512, options [mss 1460[len 5],eol], length 0");
  CHECK(line_of(ethernet_ipv4_tcp(raw_opts({1, 1, 2, 1}, capgen::flag::ack))) ==
        kEndpoints + "Flags [.], ack 2000, win 512, options [nop,nop,[bad opt]]");
  CHECK(line_of(ethernet_ipv4_tcp(raw_opts({2, 9, 5, 0xb4}, capgen::flag::ack))) ==
        kEndpoints + "Flags [.], ack 2000, win 512, options [[bad opt]");
  const auto full = ethernet_ipv4_tcp(
      simple_tcp(capgen::flag::syn, capgen::cat({capgen::opt_mss(1460), capgen::opt_timestamp(7, 0)})));
  CHECK(line_of(full.cut(14 + 20 + 20 + 9)) ==
        kEndpoints + "Flags [S], seq 1000, win 512, options [mss 1460,TS [|tcp]>");
  CHECK(line_of(full.cut(14 + 20 + 20 + 3)) == kEndpoints + "Flags [S], seq 1000, win 512, options [mss [|tcp]");
  CHECK(line_of(full.cut(14 + 20 + 2)) == "IP 10.0.0.1 > 10.0.0.2: [|tcp]");
  CHECK(line_of(full.cut(14 + 20 + 10)) == kEndpoints + " [|tcp]");
}

TEST_CASE("HTTP suffix on port 80: first line of a request or response only", "[render][line]") {
  auto http = [](const std::string& body) {
    return line_of(ethernet_ipv4_tcp(simple_tcp(capgen::flag::psh | capgen::flag::ack, {}, capgen::text(body))));
  };
  CHECK(http("GET / HTTP/1.1\r\nHost: a\r\n\r\n") ==
        kEndpoints + "Flags [P.], seq 1000:1027, ack 2000, win 512, length 27: HTTP: GET / HTTP/1.1");
  CHECK(http("hello, this is not HTTP\r\n") ==
        kEndpoints + "Flags [P.], seq 1000:1025, ack 2000, win 512, length 25: HTTP");
  CHECK(http("POST /no-line-end HTTP/1.1") ==
        kEndpoints +
            "Flags [P.], seq 1000:1026, ack 2000, win 512, length 26: HTTP: POST /no-line-end HTTP/1.1 [|http]");
}

TEST_CASE("IPv6 extension headers are named before the ports", "[render][line]") {
  const auto f = testing::ethernet_ipv6_tcp(simple_tcp(capgen::flag::ack),
                                            {{0, {0, 1, 4, 0, 0, 0, 0}}, {44, {0, 0, 1, 0, 0, 0, 7}}});
  CHECK(line_of(f) ==
        "IP6 2001:db8::1 > 2001:db8::2: HBH frag (0|20) 40000 > 80: Flags [.], ack 2000, win 512, length 0");
}
