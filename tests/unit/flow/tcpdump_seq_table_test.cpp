#include "tcplens/flow/tcpdump_seq_table.hpp"

#include <catch2/catch.hpp>

#include "support/frames.hpp"

using namespace tcplens;

namespace {
testing::OwnedFrame packet(std::uint16_t sport, std::uint16_t dport, std::uint32_t seq, std::uint32_t ack,
                           std::uint8_t flags, capgen::Bytes opts = {}) {
  capgen::TcpSpec t;
  t.sport = sport;
  t.dport = dport;
  t.seq = seq;
  t.ack = ack;
  t.flags = flags;
  t.options = std::move(opts);
  const bool forward = sport == 40000;
  const auto a = capgen::ipv4(forward ? "10.0.0.1" : "10.0.0.2");
  const auto b = capgen::ipv4(forward ? "10.0.0.2" : "10.0.0.1");
  return testing::OwnedFrame(capgen::ethernet(0x0800, capgen::ipv4_packet({a, b}, capgen::tcp_over_ipv4(t, a, b))));
}
}  // namespace

TEST_CASE("Handshake: SYN absolute, SYN-ACK seeds and is absolute, then relative", "[flow][tcpdump-seq]") {
  using namespace capgen;
  TcpdumpSeqTable table(false);
  const auto syn = packet(40000, 80, 4294967000u, 0, flag::syn).decode(1);
  const auto synack = packet(80, 40000, 7000, 4294967001u, flag::syn | flag::ack).decode(1);
  const auto ack = packet(40000, 80, 4294967001u, 7001, flag::ack).decode(1);
  const auto data = packet(80, 40000, 7001 + 500, 4294967001u + 400, flag::ack).decode(1);
  CHECK(table.shown_numbers(syn).seq == 4294967000u);
  const auto s2 = table.shown_numbers(synack);
  CHECK(s2.seq == 7000);
  CHECK(s2.ack == 4294967001u);
  const auto s3 = table.shown_numbers(ack);
  CHECK(s3.seq == 1);
  CHECK(s3.ack == 1);
  const auto s4 = table.shown_numbers(data);  // the client's numbers wrapped past 2^32
  CHECK(s4.seq == 501);
  CHECK(s4.ack == 401);
}

TEST_CASE("Mid-stream: the first ACK-bearing packet is the base (ack shows 1 less than Wireshark)",
          "[flow][tcpdump-seq]") {
  TcpdumpSeqTable table(false);
  const auto first = packet(40000, 80, 100, 200, capgen::flag::ack).decode(1);
  const auto reply = packet(80, 40000, 200, 100, capgen::flag::ack, capgen::opt_sack({{150, 160}})).decode(1);
  CHECK(table.shown_numbers(first).seq == 100);
  const auto r = table.shown_numbers(reply);
  CHECK(r.seq == 1);
  CHECK(r.ack == 0);
  CHECK(r.sack_base == 100);
}

TEST_CASE("Absolute mode (-S) keeps every number absolute", "[flow][tcpdump-seq]") {
  TcpdumpSeqTable table(true);
  const auto a = packet(40000, 80, 100, 200, capgen::flag::ack).decode(1);
  table.shown_numbers(a);
  const auto n = table.shown_numbers(a);
  CHECK(n.seq == 100);
  CHECK(n.ack == 200);
  CHECK(n.sack_base == 0);
}
