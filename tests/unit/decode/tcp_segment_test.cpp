#include "tcplens/decode/tcp_segment.hpp"

#include <catch2/catch.hpp>

#include "support/frames.hpp"

using namespace tcplens;

TEST_CASE("TCP header fields, header length and payload", "[decode][tcp]") {
  const auto seg = capgen::tcp_over_ipv4(
      testing::simple_tcp(capgen::flag::psh | capgen::flag::ack, capgen::opt_mss(1460), capgen::text("hello")),
      capgen::ipv4("1.1.1.1"), capgen::ipv4("2.2.2.2"));
  const auto tcp = decode_tcp(Bytes(seg.data(), seg.size()), static_cast<std::uint32_t>(seg.size()));
  REQUIRE(tcp.completeness == TcpCompleteness::complete);
  CHECK(tcp.src_port == 40000);
  CHECK(tcp.dst_port == 80);
  CHECK(tcp.seq == 1000);
  CHECK(tcp.ack == 2000);
  CHECK(tcp.has(tcp_flag::psh));
  CHECK(tcp.has(tcp_flag::ack));
  CHECK_FALSE(tcp.has(tcp_flag::syn));
  CHECK(tcp.window == 512);
  CHECK(tcp.header_length == 24);
  CHECK(tcp.payload_length() == 5);
  CHECK(std::string(tcp.payload().begin(), tcp.payload().end()) == "hello");
}

TEST_CASE("TCP cut at every byte offset is classified, never over-read", "[decode][tcp]") {
  const auto seg = capgen::tcp_over_ipv4(testing::simple_tcp(capgen::flag::syn, capgen::opt_timestamp(1, 2)),
                                         capgen::ipv4("1.1.1.1"), capgen::ipv4("2.2.2.2"));
  for (std::size_t n = 0; n <= seg.size(); ++n) {
    const auto tcp = decode_tcp(Bytes(seg.data(), n), static_cast<std::uint32_t>(seg.size()));
    INFO("cut at " << n);
    if (n < 4)
      CHECK(tcp.completeness == TcpCompleteness::no_ports);
    else if (n < 20)
      CHECK(tcp.completeness == TcpCompleteness::no_header);
    else
      CHECK(tcp.completeness == TcpCompleteness::complete);
    CHECK(tcp.header_captured() == (n >= 32));
    CHECK(tcp.options().size() <= n);
  }
}

TEST_CASE("TCP data offset outside [20, segment length] is named", "[decode][tcp]") {
  auto spec = testing::simple_tcp(capgen::flag::ack);
  spec.data_offset_words = 4;
  auto seg = capgen::tcp_over_ipv4(spec, capgen::ipv4("1.1.1.1"), capgen::ipv4("2.2.2.2"));
  CHECK(decode_tcp(Bytes(seg.data(), seg.size()), 20).completeness == TcpCompleteness::header_too_short);
  spec.data_offset_words = 6;
  seg = capgen::tcp_over_ipv4(spec, capgen::ipv4("1.1.1.1"), capgen::ipv4("2.2.2.2"));
  CHECK(decode_tcp(Bytes(seg.data(), seg.size()), 20).completeness == TcpCompleteness::header_too_long);
}
