#include "tcplens/decode/tcp_checksum.hpp"

#include <catch2/catch.hpp>

#include "support/frames.hpp"

using namespace tcplens;
using testing::OwnedFrame;

namespace {

constexpr int kEthernet = 1;
constexpr std::size_t kIpv4TcpChecksumAt = 14 + 20 + 16;  // Ethernet, IPv4, offset of the TCP checksum

ChecksumState state_of(const OwnedFrame& f) {
  const DecodedPacket pkt = f.decode(kEthernet);
  REQUIRE(pkt.is_analyzable_tcp());
  return verify_tcp_checksum(pkt.ip, pkt.tcp);
}

OwnedFrame with_checksum(OwnedFrame f, std::size_t at, std::uint16_t v) {
  f.bytes[at] = static_cast<std::uint8_t>(v >> 8);
  f.bytes[at + 1] = static_cast<std::uint8_t>(v & 0xff);
  return OwnedFrame(f.bytes);
}

// The value a Linux host leaves for the NIC (CHECKSUM_PARTIAL): the folded
// pseudo-header sum, not complemented, computed here by capgen's
// independent RFC 1071 code over a hand-built IPv4 pseudo-header.
std::uint16_t unfilled_ipv4(std::uint16_t tcp_length) {
  capgen::Bytes pseudo = {10, 0, 0, 1, 10, 0, 0, 2, 0, 6};
  pseudo.push_back(static_cast<std::uint8_t>(tcp_length >> 8));
  pseudo.push_back(static_cast<std::uint8_t>(tcp_length & 0xff));
  return static_cast<std::uint16_t>(~capgen::internet_checksum(pseudo));
}

}  // namespace

TEST_CASE("ones_complement_sum: RFC 1071's worked example and odd lengths", "[decode][checksum]") {
  // RFC 1071 section 3: 00 01 f2 03 f4 f5 f6 f7 sums to 0xddf2.
  const capgen::Bytes rfc = {0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7};
  CHECK(ones_complement_sum(Bytes(rfc.data(), rfc.size())) == 0xddf2);
  // An odd last byte is padded with zero: ab -> 0xab00.
  const capgen::Bytes odd = {0x00, 0x01, 0xab};
  CHECK(ones_complement_sum(Bytes(odd.data(), odd.size())) == 0xab01);
  CHECK(ones_complement_sum(Bytes(odd.data(), 0), 0x1234) == 0x1234);
  // Carries wrap around: 0xffff + 0x0001 folds to 0x0001.
  const capgen::Bytes carry = {0xff, 0xff, 0x00, 0x01};
  CHECK(ones_complement_sum(Bytes(carry.data(), carry.size())) == 0x0001);
  // Every length 0..9 agrees with capgen's independent implementation.
  const capgen::Bytes data = {0x45, 0x00, 0x12, 0x9f, 0xfe, 0x01, 0x80, 0x7f, 0x33};
  for (std::size_t n = 0; n <= data.size(); ++n) {
    INFO("length " << n);
    const capgen::Bytes part(data.begin(), data.begin() + static_cast<long>(n));
    CHECK(static_cast<std::uint16_t>(~ones_complement_sum(Bytes(part.data(), part.size()))) ==
          capgen::internet_checksum(part));
  }
}

TEST_CASE("verify_tcp_checksum: capgen's filled-in checksums are correct over IPv4 and IPv6", "[decode][checksum]") {
  using capgen::flag::ack;
  using capgen::flag::psh;
  CHECK(state_of(testing::ethernet_ipv4_tcp(testing::simple_tcp(ack))) == ChecksumState::correct);
  CHECK(state_of(testing::ethernet_ipv4_tcp(testing::simple_tcp(psh | ack, {}, capgen::text("hello")))) ==
        ChecksumState::correct);
  CHECK(state_of(testing::ethernet_ipv6_tcp(
            testing::simple_tcp(psh | ack, capgen::opt_mss(1440), capgen::text("odd")))) == ChecksumState::correct);
}

TEST_CASE("verify_tcp_checksum: a checksum left for the NIC, and a wrong one", "[decode][checksum]") {
  const OwnedFrame good =
      testing::ethernet_ipv4_tcp(testing::simple_tcp(capgen::flag::psh | capgen::flag::ack, {}, capgen::text("hello")));
  const std::uint16_t tcp_length = 20 + 5;
  const OwnedFrame unfilled = with_checksum(good, kIpv4TcpChecksumAt, unfilled_ipv4(tcp_length));
  CHECK(state_of(unfilled) == ChecksumState::pseudo_header_only);
  CHECK(checksum_unfilled(ChecksumState::pseudo_header_only));
  CHECK_FALSE(checksum_unfilled(ChecksumState::incorrect));

  OwnedFrame flipped = good;
  flipped.bytes.back() ^= 0x01;
  CHECK(state_of(OwnedFrame(flipped.bytes)) == ChecksumState::incorrect);
  CHECK(state_of(with_checksum(good, kIpv4TcpChecksumAt, 0)) == ChecksumState::incorrect);
}

TEST_CASE("verify_tcp_checksum: unverified unless the whole segment is in hand", "[decode][checksum]") {
  const OwnedFrame good =
      testing::ethernet_ipv4_tcp(testing::simple_tcp(capgen::flag::psh | capgen::flag::ack, {}, capgen::text("hello")));
  // Snap length cuts the payload: the header is analysable, the sum is not.
  for (std::size_t n = 14 + 20 + 20; n < good.bytes.size(); ++n) {
    INFO("captured " << n << " of " << good.bytes.size());
    const DecodedPacket pkt = good.cut(n).decode(kEthernet);
    REQUIRE(pkt.is_analyzable_tcp());
    CHECK(verify_tcp_checksum(pkt.ip, pkt.tcp) == ChecksumState::unverified);
  }
  // A first fragment: the TCP header is there, the rest of the segment is not.
  const auto src = capgen::ipv4("10.0.0.1");
  const auto dst = capgen::ipv4("10.0.0.2");
  capgen::Ipv4Spec ip{src, dst};
  ip.dont_fragment = false;
  ip.more_fragments = true;
  const auto seg = capgen::tcp_over_ipv4(testing::simple_tcp(capgen::flag::ack, {}, capgen::text("first")), src, dst);
  const DecodedPacket first = OwnedFrame(capgen::ethernet(0x0800, capgen::ipv4_packet(ip, seg))).decode(kEthernet);
  REQUIRE(first.is_analyzable_tcp());
  CHECK(verify_tcp_checksum(first.ip, first.tcp) == ChecksumState::unverified);
  // An IPv6 routing header: the pseudo-header's destination is the final
  // one, which the decoder does not follow.
  const OwnedFrame routed = testing::ethernet_ipv6_tcp(testing::simple_tcp(capgen::flag::ack),
                                                       {capgen::Ipv6Extension{43, capgen::Bytes(7, 0)}});
  const DecodedPacket r = routed.decode(kEthernet);
  REQUIRE(r.is_analyzable_tcp());
  CHECK(verify_tcp_checksum(r.ip, r.tcp) == ChecksumState::unverified);
}

TEST_CASE("checksum_state_name: one word per state", "[decode][checksum]") {
  CHECK(checksum_state_name(ChecksumState::unverified) == "unverified");
  CHECK(checksum_state_name(ChecksumState::correct) == "correct");
  CHECK(checksum_state_name(ChecksumState::pseudo_header_only) == "pseudo_header_only");
  CHECK(checksum_state_name(ChecksumState::incorrect) == "incorrect");
}
