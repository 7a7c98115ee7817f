#include "tcplens/decode/ip_layer.hpp"

#include <catch2/catch.hpp>

#include "support/frames.hpp"

using namespace tcplens;

namespace {
IpLayer v4(const capgen::Bytes& b, std::uint32_t wire = 0) {
  return decode_ipv4(ByteReader(Bytes(b.data(), b.size())), wire != 0 ? wire : static_cast<std::uint32_t>(b.size()));
}
IpLayer v6(const capgen::Bytes& b, std::uint32_t wire = 0) {
  return decode_ipv6(ByteReader(Bytes(b.data(), b.size())), wire != 0 ? wire : static_cast<std::uint32_t>(b.size()));
}
const auto kA = capgen::ipv4("10.1.1.1");
const auto kB = capgen::ipv4("10.2.2.2");
const auto kA6 = capgen::ipv6("2001:db8::a");
const auto kB6 = capgen::ipv6("2001:db8::b");
}  // namespace

TEST_CASE("IPv4: addresses, header length with options, and length from the header", "[decode][ip]") {
  capgen::Ipv4Spec spec{kA, kB};
  spec.options = {7, 7, 4, 0, 0, 0, 0};
  const auto ip = v4(capgen::ipv4_packet(spec, capgen::Bytes(30, 'x')));
  REQUIRE(ip.anomaly == Anomaly::none);
  CHECK(ip.src.to_string() == "10.1.1.1");
  CHECK(ip.dst.to_string() == "10.2.2.2");
  CHECK(ip.header_length == 28);
  CHECK(ip.transport_length == 30);
  CHECK(ip.transport.size() == 30);
}

TEST_CASE("IPv4: padding after the datagram is not transport data; a longer header length is missing bytes",
          "[decode][ip]") {
  auto packet = capgen::ipv4_packet({kA, kB}, capgen::Bytes(20, 0));
  packet.resize(packet.size() + 6, 0xee);
  CHECK(v4(packet).transport.size() == 20);
  capgen::Ipv4Spec lying{kA, kB};
  lying.total_length = 500;
  const auto ip = v4(capgen::ipv4_packet(lying, capgen::Bytes(20, 0)));
  CHECK(ip.missing_bytes == 460);
  CHECK(ip.transport_length == 480);
}

TEST_CASE("IPv4: fragments and malformed headers are named", "[decode][ip]") {
  capgen::Ipv4Spec later{kA, kB};
  later.fragment_offset = 8;
  later.id = 0x1234;
  const auto l = v4(capgen::ipv4_packet(later, capgen::Bytes(8, 0)));
  CHECK(l.anomaly == Anomaly::none);
  CHECK(l.is_fragment());
  CHECK(l.is_later_fragment());
  CHECK_FALSE(l.first_fragment);
  CHECK(l.fragment_offset == 64);
  CHECK(l.fragment_id == 0x1234);
  CHECK(l.unfragmentable_length == 20);
  CHECK(l.transport.size() == 8);
  capgen::Ipv4Spec first{kA, kB};
  first.more_fragments = true;
  first.dont_fragment = false;
  const auto f = v4(capgen::ipv4_packet(first, capgen::Bytes(8, 0)));
  CHECK(f.first_fragment);
  CHECK(f.is_fragment());
  CHECK_FALSE(f.is_later_fragment());
  CHECK(f.more_fragments);
  CHECK_FALSE(v4(capgen::ipv4_packet({kA, kB}, capgen::Bytes(8, 0))).is_fragment());
  auto bad_hlen = capgen::ipv4_packet({kA, kB}, {});
  bad_hlen[0] = 0x44;
  CHECK(v4(bad_hlen).anomaly == Anomaly::bad_ip_header_length);
  capgen::Ipv4Spec short_total{kA, kB};
  short_total.total_length = 10;
  CHECK(v4(capgen::ipv4_packet(short_total, {})).anomaly == Anomaly::bad_ip_total_length);
}

TEST_CASE("IPv4 and IPv6 cut at every byte offset: never a transport header that was not captured", "[decode][ip]") {
  capgen::Ipv6Spec six{kA6, kB6};
  six.extensions = {{0, {0, 1, 4, 0, 0, 0, 0}}, {44, {0, 0, 1, 0, 0, 0, 9}}};
  const auto p4 = capgen::ipv4_packet({kA, kB}, capgen::Bytes(12, 1));
  const auto p6 = capgen::ipv6_packet(six, capgen::Bytes(12, 1));
  for (std::size_t n = 0; n <= p4.size(); ++n) {
    const capgen::Bytes cut(p4.begin(), p4.begin() + static_cast<long>(n));
    const auto ip = v4(cut, static_cast<std::uint32_t>(p4.size()));
    INFO("ipv4 cut at " << n);
    if (n < 20)
      CHECK(ip.anomaly == Anomaly::truncated_ip);
    else
      CHECK(ip.transport.size() == n - 20);
  }
  for (std::size_t n = 0; n <= p6.size(); ++n) {
    const capgen::Bytes cut(p6.begin(), p6.begin() + static_cast<long>(n));
    const auto ip = v6(cut, static_cast<std::uint32_t>(p6.size()));
    INFO("ipv6 cut at " << n);
    if (n <= 56)
      CHECK(ip.anomaly == Anomaly::truncated_ip);
    else
      CHECK(ip.transport.size() == n - 56);
  }
}

TEST_CASE("IPv6: extension headers are walked to the transport, non-first fragments stop", "[decode][ip]") {
  capgen::Ipv6Spec spec{kA6, kB6};
  spec.extensions = {{0, {0, 1, 4, 0, 0, 0, 0}}, {60, {0, 1, 4, 0, 0, 0, 0}}};
  const auto ip = v6(capgen::ipv6_packet(spec, capgen::Bytes(25, 0)));
  REQUIRE(ip.anomaly == Anomaly::none);
  CHECK(ip.header_protocol == 0);
  CHECK(ip.transport_protocol == 6);
  CHECK(ip.extension_count == 2);
  CHECK(ip.header_length == 56);
  CHECK(ip.transport_length == 25);
  spec.extensions = {{0, {0, 1, 4, 0, 0, 0, 0}}, {44, {0, 0, 0x10, 0, 0, 0, 1}}};
  const auto later = v6(capgen::ipv6_packet(spec, capgen::Bytes(8, 0)));
  CHECK(later.anomaly == Anomaly::none);
  CHECK(later.is_later_fragment());
  CHECK_FALSE(later.more_fragments);
  CHECK(later.fragment_offset == 16);
  CHECK(later.fragment_id == 1);
  CHECK(later.unfragmentable_length == 48);  // the IPv6 header and the hop-by-hop header before the Fragment header
  CHECK(later.header_length == 56);
  CHECK(later.transport.size() == 8);
  CHECK(later.transport_length == 8);
  spec.extensions = {{44, {0, 0, 0x01, 0, 0, 0, 2}}};  // offset 0, more to come
  const auto first = v6(capgen::ipv6_packet(spec, capgen::Bytes(20, 0)));
  CHECK(first.first_fragment);
  CHECK(first.more_fragments);
  CHECK(first.is_fragment());
  CHECK_FALSE(first.is_later_fragment());
  spec.extensions = {{44, {0, 0, 0, 0, 0, 0, 3}}};  // atomic: a whole datagram
  CHECK_FALSE(v6(capgen::ipv6_packet(spec, capgen::Bytes(20, 0))).is_fragment());
  spec.extensions = {{43, {1, 0, 1, 0, 0, 0, 0}}};  // type 0 with an odd length
  CHECK(v6(capgen::ipv6_packet(spec, capgen::Bytes(16, 0))).anomaly == Anomaly::bad_ip6_extension);
}

TEST_CASE("IPv6 jumbogram: the length comes from the hop-by-hop Jumbo Payload option", "[decode][ip]") {
  capgen::Ipv6Spec spec{kA6, kB6};
  spec.payload_length = 0;
  spec.extensions = {{0, {0, 0xc2, 4, 0x00, 0x01, 0x38, 0xa8}}};  // 80040
  const auto ip = v6(capgen::ipv6_packet(spec, capgen::Bytes(40, 0)), 80080);
  REQUIRE(ip.anomaly == Anomaly::none);
  CHECK(ip.jumbo);
  CHECK(ip.transport_length == 80040 - 8);
  spec.extensions = {};
  const auto plain_zero = v6(capgen::ipv6_packet(spec, capgen::Bytes(40, 0)));
  CHECK(plain_zero.transport.empty());
}
