// Whole connections through the flow table, each at several ISNs including
// some just below 2^32. Relative numbers are from each side's ISN.
#include "tcplens/tcp/connection.hpp"

#include <catch2/catch.hpp>

#include "support/scenario.hpp"
#include "tcplens/analysis/flow_record.hpp"

using namespace tcplens;
using testing::Scenario;
using namespace capgen::flag;
using S = TcpState;

namespace {
void handshake(Scenario& s) {
  s.client(syn, 0, 0);
  s.server(syn | ack, 0, 1);
  s.client(ack, 1, 1);
}
std::string states(const Connection& c) {
  return std::string(state_name(c.orig().state)) + "/" + std::string(state_name(c.resp().state));
}
}  // namespace

TEST_CASE("Normal open and client-first close: client ends in TIME_WAIT", "[tcp][connection]") {
  for (const auto isn : testing::kIsns) {
    Scenario s(isn, isn ^ 0x5a5a5a5au);
    INFO("ISN " << isn);
    const auto syn_r = s.client(syn, 0, 0);
    CHECK(syn_r.has(AnnotationCode::handshake_syn));
    CHECK(syn_r.orig_state == S::syn_sent);
    CHECK(s.server(syn | ack, 0, 1).has(AnnotationCode::handshake_synack));
    const auto third = s.client(ack, 1, 1);
    CHECK(third.has(AnnotationCode::handshake_ack));
    CHECK(third.seq == 1);
    CHECK(third.ack == 1);
    CHECK(s.connection().handshake_complete());
    s.client(psh | ack, 1, 1, 100);
    const auto resp = s.server(psh | ack, 1, 101, 3000);
    CHECK(resp.seq == 1);
    CHECK(resp.ack == 101);
    s.client(ack, 101, 3001);
    const auto fin1 = s.client(fin | ack, 101, 3001);
    CHECK(fin1.has(AnnotationCode::teardown_fin));
    CHECK(states(s.connection()) == "FIN_WAIT_1/CLOSE_WAIT");
    CHECK(s.server(ack, 3001, 102).has(AnnotationCode::teardown_ack));
    CHECK(states(s.connection()) == "FIN_WAIT_2/CLOSE_WAIT");
    const auto fin2 = s.server(fin | ack, 3001, 102);
    CHECK(fin2.has(AnnotationCode::time_wait_begins));
    CHECK(states(s.connection()) == "TIME_WAIT/LAST_ACK");
    s.client(ack, 102, 3002);
    CHECK(states(s.connection()) == "TIME_WAIT/CLOSED");
    const FlowRecord f = make_flow_record(s.connection());
    CHECK(f.conn_state == "SF");
    CHECK(f.history == "ShADdFaf");  // by hand: S h A D d (A) F a f (A)
    CHECK(f.handshake == "complete");
    CHECK(f.active_closer == "orig");
    CHECK(f.time_wait == "orig");
    CHECK(f.orig_bytes == 100);
    CHECK(f.resp_bytes == 3000);
  }
}

TEST_CASE("Server closes first (keep-alive timeout), 3-way close: server in TIME_WAIT", "[tcp][connection]") {
  for (const auto isn : testing::kIsns) {
    Scenario s(isn + 7, isn);
    INFO("ISN " << isn);
    handshake(s);
    s.server(fin | ack, 1, 1);
    const auto combined = s.client(fin | ack, 1, 2);  // its FIN also ACKs the server's
    CHECK(combined.has(AnnotationCode::time_wait_begins));
    CHECK(states(s.connection()) == "LAST_ACK/TIME_WAIT");
    s.server(ack, 2, 2);
    CHECK(states(s.connection()) == "CLOSED/TIME_WAIT");
    CHECK(s.connection().learned_shape().teardown_steps == 3);
    const FlowRecord f = make_flow_record(s.connection());
    CHECK(f.active_closer == "resp");
    CHECK(f.time_wait == "resp");
    CHECK(f.conn_state == "SF");
  }
}

TEST_CASE("Half-close: data keeps flowing towards the side that sent FIN", "[tcp][connection]") {
  for (const auto isn : testing::kIsns) {
    Scenario s(isn, isn + 99);
    INFO("ISN " << isn);
    handshake(s);
    s.client(fin | psh | ack, 1, 1, 20);  // the request and its FIN (shutdown(SHUT_WR))
    s.server(ack, 1, 22);
    CHECK(states(s.connection()) == "FIN_WAIT_2/CLOSE_WAIT");
    const auto more = s.server(psh | ack, 1, 22, 500);
    CHECK(more.has(AnnotationCode::half_close));
    s.client(ack, 22, 501);
    s.server(psh | ack, 501, 22, 500);
    CHECK(states(s.connection()) == "FIN_WAIT_2/CLOSE_WAIT");
    s.server(fin | ack, 1001, 22);
    s.client(ack, 22, 1002);
    CHECK(states(s.connection()) == "TIME_WAIT/CLOSED");
    CHECK(make_flow_record(s.connection()).resp_bytes == 1000);
  }
}

TEST_CASE("Simultaneous close: both go through CLOSING to TIME_WAIT", "[tcp][connection]") {
  for (const auto isn : testing::kIsns) {
    Scenario s(isn, ~isn);
    INFO("ISN " << isn);
    handshake(s);
    s.client(fin | ack, 1, 1);
    const auto crossed = s.server(fin | ack, 1, 1);  // does not ACK the client's FIN
    CHECK(crossed.has(AnnotationCode::simultaneous_close));
    CHECK(states(s.connection()) == "CLOSING/CLOSING");
    s.client(ack, 2, 2);
    s.server(ack, 2, 2);
    CHECK(states(s.connection()) == "TIME_WAIT/TIME_WAIT");
    const FlowRecord f = make_flow_record(s.connection());
    CHECK(f.active_closer == "both");
    CHECK(f.time_wait == "both");
  }
}

TEST_CASE("Simultaneous open: two SYNs, two SYN-ACKs, one connection", "[tcp][connection]") {
  for (const auto isn : testing::kIsns) {
    Scenario s(isn, isn + 12345);
    INFO("ISN " << isn);
    s.client(syn, 0, 0);
    const auto second = s.server(syn, 0, 0);
    CHECK(second.has(AnnotationCode::simultaneous_open));
    s.client(syn | ack, 0, 1);
    s.server(syn | ack, 0, 1);
    CHECK(s.table().streams() == 1);
    CHECK(states(s.connection()) == "ESTABLISHED/ESTABLISHED");
    CHECK(s.connection().learned_shape().handshake_steps == 4);
  }
}

TEST_CASE("Refused, reset during handshake, reset after data, RST after close", "[tcp][connection]") {
  for (const auto isn : testing::kIsns) {
    INFO("ISN " << isn);
    Scenario refused(isn, 0);
    refused.client(syn, 0, 0);
    CHECK(refused.server(rst | ack, 0, 1).has(AnnotationCode::refused));
    CHECK(make_flow_record(refused.connection()).conn_state == "REJ");
    CHECK(make_flow_record(refused.connection()).handshake == "refused");

    Scenario aborted(isn, isn + 3);
    aborted.client(syn, 0, 0);
    aborted.server(syn | ack, 0, 1);
    CHECK(aborted.client(rst, 1, 0).has(AnnotationCode::reset));
    CHECK(states(aborted.connection()) == "CLOSED/CLOSED");
    CHECK(make_flow_record(aborted.connection()).handshake == "partial");

    Scenario after_data(isn, isn + 5);
    handshake(after_data);
    after_data.client(psh | ack, 1, 1, 10);
    after_data.client(rst | ack, 11, 1);
    CHECK(make_flow_record(after_data.connection()).conn_state == "RSTO");

    Scenario late(isn, isn + 9);
    handshake(late);
    late.server(fin | ack, 1, 1);
    late.client(ack, 1, 2);
    late.client(psh | ack, 1, 2, 9);  // data to a server that has closed its socket
    CHECK(late.server(rst, 2, 0).has(AnnotationCode::reset_after_close));
    CHECK(make_flow_record(late.connection()).conn_state == "RSTR");
  }
}

TEST_CASE("Retransmitted SYN and FIN; a FIN retransmitted into TIME_WAIT is re-ACKed", "[tcp][connection]") {
  for (const auto isn : testing::kIsns) {
    Scenario s(isn, isn - 1);
    INFO("ISN " << isn);
    s.client(syn, 0, 0);
    CHECK(s.client(syn, 0, 0).has(AnnotationCode::syn_retransmitted));
    s.server(syn | ack, 0, 1);
    CHECK(s.server(syn | ack, 0, 1).has(AnnotationCode::synack_retransmitted));
    s.client(ack, 1, 1);
    s.client(fin | ack, 1, 1);
    s.server(ack, 1, 2);
    s.server(fin | ack, 1, 2);
    s.client(ack, 2, 2);
    CHECK(states(s.connection()) == "TIME_WAIT/CLOSED");
    const auto again = s.server(fin | ack, 1, 2);  // the final ACK was lost
    CHECK(again.has(AnnotationCode::fin_retransmitted));
    CHECK(again.has(AnnotationCode::ack_lost));
    CHECK(states(s.connection()) == "TIME_WAIT/LAST_ACK");
    CHECK(s.client(ack, 2, 2).has(AnnotationCode::time_wait_reack));
    CHECK(states(s.connection()) == "TIME_WAIT/CLOSED");
    CHECK(s.table().streams() == 1);  // no second teardown, no new connection
  }
}

TEST_CASE("Port reuse: a new SYN after the close starts stream 1, noting TIME_WAIT", "[tcp][connection]") {
  for (const auto isn : testing::kIsns) {
    Scenario s(isn, isn + 1);
    INFO("ISN " << isn);
    handshake(s);
    s.server(fin | ack, 1, 1);
    s.client(fin | ack, 1, 2);
    s.server(ack, 2, 2);
    const auto again = s.client(syn, 50000, 0);
    CHECK(again.stream == 1);
    CHECK(again.has(AnnotationCode::port_reuse_in_time_wait));
    CHECK(s.table().streams() == 2);
    CHECK(make_flow_record(s.connection(1)).port_reuse);
  }
}

TEST_CASE("Mid-stream pickup: client inferred from ports, both ESTABLISHED", "[tcp][connection]") {
  Scenario s(5000, 9000);
  const auto first = s.server(psh | ack, 100, 200, 50);  // the server (port 80) speaks first
  CHECK(first.has(AnnotationCode::midstream_pickup));
  CHECK(first.sender == Role::resp);
  CHECK(first.seq == 1);
  CHECK(first.ack == 1);
  const Connection& c = s.connection();
  CHECK(c.originator_inferred());
  CHECK(c.orig().port == 40000);
  const FlowRecord f = make_flow_record(c);
  CHECK(f.handshake == "midstream");
  CHECK(f.conn_state == "OTH");
  CHECK(f.history == "^d");
}

// The table holds one Connection per open connection: its size is the
// largest part of tcplens's memory per connection (README, Performance).
// These are the sizes on LP64 (x86-64, aarch64) with the fields grouped by
// size; a new field that opens a padding hole, or a wider one, shows here.
TEST_CASE("Per-connection state stays compact", "[tcp][connection][memory]") {
  if constexpr (sizeof(void*) == 8) {
    STATIC_REQUIRE(sizeof(Timestamp) == 16);
    STATIC_REQUIRE(sizeof(SequenceSpace) == 16);
    STATIC_REQUIRE(sizeof(Endpoint) <= 264);
    STATIC_REQUIRE(sizeof(SegmentAnalyzer) <= 200);
    // 1016: +8 for what the first pass hands on for issue #16 (fin_lost, seen,
    // peer_fin_ack in ConnectionShape); 1024: +8 for the pointer to the
    // VLANs/tunnels it travels in (issue #15; its context fits in padding)
    STATIC_REQUIRE(sizeof(Connection) <= 1024);
  }
  // The bit-fields still hold what libpcap can deliver: a 32-bit fraction
  // scaled by 1000, and negative differences.
  Timestamp t{1, std::int64_t{UINT32_MAX} * 1000, true};
  CHECK(t.frac == 4'294'967'295'000);
  CHECK(t.nano);
  t.frac = -999'999;
  CHECK(t.frac == -999'999);
  CHECK(t.nano);
}

TEST_CASE("A timestamp that goes back does not shorten the duration", "[tcp][connection]") {
  Scenario s(1000, 5000);
  handshake(s);  // at 1001, 1002, 1003
  s.at(500);     // 503 s before the first packet
  s.client(psh | ack, 1, 1, 10);
  const FlowRecord f = make_flow_record(s.connection());
  CHECK(f.duration == Approx(2.0));  // 1001 to the latest, 1003
}

TEST_CASE("A segment over the MSS the peer announced is said once per sender (TSO/GSO/GRO)", "[tcp][connection]") {
  Scenario s(1000, 5000);
  s.options(capgen::opt_mss(100));
  s.client(syn, 0, 0);
  s.options(capgen::opt_mss(1460));
  s.server(syn | ack, 0, 1);
  s.client(ack, 1, 1);
  CHECK_FALSE(s.client(psh | ack, 1, 1, 1460).has(AnnotationCode::over_mss));  // the server's MSS: fits
  const auto big = s.server(psh | ack, 1, 1461, 300);                          // the client announced 100
  REQUIRE(big.has(AnnotationCode::over_mss));
  for (const auto& a : big.annotations)
    if (a.code == AnnotationCode::over_mss) {
      CHECK(a.who == Role::resp);
      CHECK(a.bytes == 300);
      CHECK(a.frame == 100);
    }
  CHECK_FALSE(s.server(psh | ack, 301, 1461, 300).has(AnnotationCode::over_mss));  // once per sender
  CHECK(make_flow_record(s.connection()).over_mss == "resp");
}
