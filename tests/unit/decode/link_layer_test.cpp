#include "tcplens/decode/link_layer.hpp"

#include <catch2/catch.hpp>

#include "support/frames.hpp"

using namespace tcplens;

namespace {
LinkLayer link_of(int dlt, const capgen::Bytes& b) {
  return decode_link_layer(dlt, ByteReader(Bytes(b.data(), b.size())));
}
const capgen::Bytes kPayload4 = {0x45, 0, 0, 20};
const capgen::Bytes kPayload6 = {0x60, 0, 0, 0};
}  // namespace

TEST_CASE("Ethernet finds IPv4 and IPv6 behind any number of VLAN tags", "[decode][link]") {
  CHECK(link_of(1, capgen::ethernet(0x0800, kPayload4)).header_length == 14);
  CHECK(link_of(1, capgen::ethernet(0x86dd, kPayload6)).network == NetworkProtocol::ipv6);
  const auto qinq = link_of(1, capgen::ethernet(0x0800, kPayload4, {100, 200}, 0x88a8));
  CHECK(qinq.network == NetworkProtocol::ipv4);
  CHECK(qinq.header_length == 22);
  CHECK(link_of(1, capgen::ethernet(0x0806, {})).anomaly == Anomaly::unsupported_link);
}

TEST_CASE("Linux cooked v1 and v2 carry the protocol and, for v2, interface and direction", "[decode][link]") {
  CHECK(link_of(113, capgen::linux_sll(0x86dd, kPayload6)).header_length == 16);
  const auto v2 = link_of(276, capgen::linux_sll2(0x0800, kPayload4, 7, 4));
  CHECK(v2.network == NetworkProtocol::ipv4);
  CHECK(v2.header_length == 20);
  CHECK(v2.has_sll2);
  CHECK(v2.sll2_ifindex == 7);
  CHECK(v2.sll2_packet_type == 4);
}

TEST_CASE("BSD loopback families in either byte order, raw IP by version nibble", "[decode][link]") {
  CHECK(link_of(0, capgen::bsd_null(2, kPayload4)).network == NetworkProtocol::ipv4);
  for (std::uint32_t af : {24u, 28u, 30u}) {
    CHECK(link_of(0, capgen::bsd_null(af, kPayload6)).network == NetworkProtocol::ipv6);
    CHECK(link_of(108, capgen::bsd_loop(af, kPayload6)).network == NetworkProtocol::ipv6);
  }
  CHECK(link_of(12, kPayload4).network == NetworkProtocol::ipv4);
  CHECK(link_of(229, kPayload6).network == NetworkProtocol::ipv6);
  CHECK(link_of(12, capgen::Bytes{0x50}).anomaly == Anomaly::bad_ip_version);
}

TEST_CASE("Every link header cut short is reported as truncated, never read past", "[decode][link]") {
  const std::vector<std::pair<int, capgen::Bytes>> frames = {
      {1, capgen::ethernet(0x0800, kPayload4, {5})},   {113, capgen::linux_sll(0x0800, kPayload4)},
      {276, capgen::linux_sll2(0x0800, kPayload4, 1)}, {0, capgen::bsd_null(2, kPayload4)},
      {108, capgen::bsd_loop(2, kPayload4)},
  };
  for (const auto& [dlt, frame] : frames) {
    const auto full = link_of(dlt, frame);
    for (std::size_t n = 0; n < full.header_length; ++n) {
      const capgen::Bytes cut(frame.begin(), frame.begin() + static_cast<long>(n));
      INFO("dlt " << dlt << " cut at " << n);
      CHECK(link_of(dlt, cut).anomaly == Anomaly::truncated_link);
    }
  }
}
