// The UDP header, cut at every byte.
#include "tcplens/decode/udp_header.hpp"

#include <catch2/catch.hpp>
#include <vector>

using namespace tcplens;

TEST_CASE("UDP header fields, and nothing from fewer than 8 bytes", "[udp]") {
  const std::vector<std::uint8_t> wire{0xa8, 0x75, 0x23, 0x28, 0x00, 0x12, 0xfe, 0x2f, 'h', 'e', 'l', 'l', 'o'};
  const auto h = parse_udp_header(wire);
  REQUIRE(h);
  CHECK(h->src_port == 43125);
  CHECK(h->dst_port == 9000);
  CHECK(h->length == 18);
  for (std::size_t n = 0; n < kUdpHeaderLength; ++n) CHECK_FALSE(parse_udp_header(Bytes(wire).subspan(0, n)));
  CHECK(parse_udp_header(Bytes(wire).subspan(0, kUdpHeaderLength)));
}
