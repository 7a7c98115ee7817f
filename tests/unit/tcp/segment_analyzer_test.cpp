// Wireshark's verdicts on hand-built segment sequences. The same
// definitions are checked against tshark itself by tests/tshark/.
#include "tcplens/tcp/segment_analyzer.hpp"

#include <catch2/catch.hpp>

#include "tcplens/decode/tcp_segment.hpp"

using namespace tcplens;

namespace {

constexpr std::uint8_t kAck = tcp_flag::ack;

// Drives one connection: client (orig) and server (resp), relative numbers.
class Dialog {
 public:
  SegmentVerdicts send(bool client, double t, std::uint32_t seq, std::uint32_t ack, std::uint32_t len,
                       std::uint16_t window = 1000, std::uint8_t flags = kAck) {
    SegmentFacts f;
    f.frame = ++frame_;
    f.time = t;
    f.seq = seq;
    f.ack = ack;
    f.seglen = len;
    f.flags = flags;
    f.raw_window = window;
    return analyzer_.analyze(client, f);
  }
  // SYN, SYN-ACK, ACK at 0, 10 ms, 20 ms: iRTT 20 ms.
  void handshake() {
    send(true, 0.000, 0, 0, 0, 1000, tcp_flag::syn);
    send(false, 0.010, 0, 1, 0, 1000, tcp_flag::syn | kAck);
    send(true, 0.020, 1, 1, 0);
  }
  SegmentAnalyzer analyzer_;
  std::uint64_t frame_ = 0;
};

}  // namespace

TEST_CASE("Retransmission, out of order and fast retransmission are told apart", "[segment_analyzer]") {
  Dialog d;
  d.handshake();
  REQUIRE(d.analyzer_.initial_rtt() == Approx(0.020));
  d.send(true, 1.000, 1, 1, 100);
  d.send(true, 1.001, 101, 1, 100);
  SECTION("resent long after the highest segment: retransmission") {
    const auto v = d.send(true, 1.300, 1, 1, 100);
    CHECK(v.set.has(Verdict::retransmission));
    CHECK_FALSE(v.set.has(Verdict::out_of_order));
    CHECK(v.first_sent_frame == 4);
  }
  SECTION("within the initial RTT of the highest segment: out of order") {
    const auto v = d.send(true, 1.010, 1, 1, 100);
    CHECK(v.set.has(Verdict::out_of_order));
    CHECK_FALSE(v.set.has(Verdict::retransmission));
  }
  SECTION("asked for by two duplicate ACKs within 20 ms: fast retransmission") {
    // The SYN-ACK (frame 2) already ACKed 1: each pure ACK of 1 repeats it.
    const auto dup1 = d.send(false, 1.003, 1, 1, 0);
    CHECK(dup1.dup_ack_number == 1);
    CHECK(dup1.dup_ack_of_frame == 2);
    const auto dup2 = d.send(false, 1.004, 1, 1, 0);
    CHECK(dup2.set.has(Verdict::duplicate_ack));
    CHECK(dup2.dup_ack_number == 2);
    const auto v = d.send(true, 1.005, 1, 1, 100);
    CHECK(v.set.has(Verdict::fast_retransmission));
    CHECK(v.set.has(Verdict::retransmission));  // as tshark's tcp.analysis.retransmission
  }
  SECTION("data the receiver had already ACKed: spurious") {
    d.send(false, 1.002, 1, 201, 0);
    const auto v = d.send(true, 1.500, 1, 1, 100);
    CHECK(v.set.has(Verdict::spurious_retransmission));
  }
}

TEST_CASE("Gaps in the capture: lost segment and ACKed unseen segment", "[segment_analyzer]") {
  Dialog d;
  d.handshake();
  d.send(true, 1.0, 1, 1, 100);
  const auto jump = d.send(true, 1.1, 301, 1, 100);  // 101..301 never captured
  CHECK(jump.set.has(Verdict::lost_segment));
  CHECK(jump.gap_bytes == 200);
  const auto ack = d.send(false, 1.2, 1, 401, 0);  // the server ACKs all of it
  CHECK(ack.set.has(Verdict::ack_lost_segment));
  CHECK_FALSE(d.send(false, 1.3, 1, 401, 0, 2000).set.has(Verdict::ack_lost_segment));  // said once
}

TEST_CASE("Keep-alive, zero window and window updates", "[segment_analyzer]") {
  Dialog d;
  d.handshake();
  d.send(true, 1.0, 1, 1, 100);
  d.send(false, 1.1, 1, 101, 0);
  SECTION("keep-alive: one below the next number, then its ACK") {
    CHECK(d.send(true, 60.0, 100, 1, 0).set.has(Verdict::keep_alive));
    const auto v = d.send(false, 60.1, 1, 101, 0);
    CHECK(v.set.has(Verdict::keep_alive_ack));
    CHECK_FALSE(v.set.has(Verdict::duplicate_ack));
  }
  SECTION("zero window, a probe, its ACK, then the window opens") {
    CHECK(d.send(false, 2.0, 1, 101, 0, 0).set.has(Verdict::zero_window));
    const auto probe = d.send(true, 2.2, 101, 1, 1);
    CHECK(probe.set.has(Verdict::zero_window_probe));
    CHECK_FALSE(probe.set.has(Verdict::retransmission));
    const auto probe_ack = d.send(false, 2.3, 1, 101, 0, 0);
    CHECK(probe_ack.set.has(Verdict::zero_window_probe_ack));
    CHECK(probe_ack.set.has(Verdict::zero_window));
    CHECK(d.send(true, 2.6, 101, 1, 1).set.has(Verdict::zero_window_probe));  // probes do not advance
    d.send(false, 2.7, 1, 101, 0, 0);
    const auto update = d.send(false, 3.0, 1, 101, 0, 500);
    CHECK(update.set.has(Verdict::window_update));
    CHECK(update.window_scaled == 500);
  }
}

TEST_CASE("Window scale applies once both SYNs offer it", "[segment_analyzer]") {
  SegmentAnalyzer a;
  SegmentFacts syn;
  syn.flags = tcp_flag::syn;
  syn.has_wscale_option = true;
  syn.wscale = 7;
  a.analyze(true, syn);
  CHECK(a.window_scale(true) == 7);
  CHECK(a.window_scale(false) == kScaleUnknown);
  SegmentFacts synack = syn;
  synack.flags = tcp_flag::syn | kAck;
  synack.has_wscale_option = false;  // the server declines: nobody scales
  synack.ack = 1;
  a.analyze(false, synack);
  CHECK(a.window_scale(true) == kScaleNone);
  CHECK(a.window_scale(false) == kScaleNone);
}

TEST_CASE("RTT samples follow Karn's rule", "[segment_analyzer]") {
  Dialog d;
  d.handshake();
  d.send(true, 1.000, 1, 1, 100);
  const auto clean = d.send(false, 1.050, 1, 101, 0);
  CHECK(clean.acked_frame == 4);
  CHECK(clean.rtt_sample == Approx(0.050));
  d.send(true, 2.000, 101, 1, 100);
  d.send(true, 2.500, 101, 1, 100);  // sent again
  const auto ambiguous = d.send(false, 2.510, 1, 201, 0);
  CHECK(ambiguous.ack_rtt >= 0);    // Wireshark still reports ack_rtt
  CHECK(ambiguous.rtt_sample < 0);  // but it is no RTT sample
}

TEST_CASE("No initial RTT without the SYN", "[segment_analyzer]") {
  Dialog d;
  d.send(false, 0.010, 0, 1, 0, 1000, tcp_flag::syn | kAck);  // the capture starts at the SYN-ACK
  d.send(true, 0.020, 1, 1, 0);
  CHECK(d.analyzer_.initial_rtt() < 0);
  Dialog whole;
  whole.handshake();
  CHECK(whole.analyzer_.initial_rtt() == Approx(0.020));
}

// Wireshark 4.0.17's order and quirks, found where tshark disagreed on the
// shared corpus (each case names the capture that showed it).
TEST_CASE("Spurious retransmission is tested before out of order (ndpi fix2.pcap)", "[segment_analyzer]") {
  Dialog d;
  d.handshake();
  d.send(true, 1.000, 1, 1, 100);
  d.send(true, 1.001, 101, 1, 100);
  d.send(false, 1.002, 1, 201, 0);                // the server ACKs both
  const auto v = d.send(true, 1.003, 1, 1, 100);  // within the iRTT of the highest segment
  CHECK(v.set.has(Verdict::spurious_retransmission));
  CHECK_FALSE(v.set.has(Verdict::out_of_order));
}

TEST_CASE("An ACK of unseen data is said once per stretch, even over pure ACKs (ndpi vnc.pcap)", "[segment_analyzer]") {
  Dialog d;
  d.handshake();
  d.send(true, 1.0, 1, 1, 12);
  CHECK(d.send(false, 1.1, 1, 800, 0).set.has(Verdict::ack_lost_segment));  // the client's 13..800 unseen
  // The server ACKs the same unseen data again while sending: not said again.
  CHECK_FALSE(d.send(false, 1.2, 1, 800, 19).set.has(Verdict::ack_lost_segment));
  // The client now sends 800..829, after its gap: the ACKable edge moves only
  // with contiguous data, so Wireshark (tshark frame 12 of vnc.pcap) says
  // the ACK of 829 ACKs unseen data once more.
  d.send(true, 1.3, 800, 20, 29);
  CHECK(d.send(false, 1.4, 20, 829, 0).set.has(Verdict::ack_lost_segment));
}

TEST_CASE("After an ACK of unseen data the counter reads as many duplicate ACKs (ndpi_match_string...)",
          "[segment_analyzer]") {
  // Wireshark stores -1 in its unsigned dupacknum: ">= 2" holds, and a
  // resend at the ACKed number within 20 ms is a fast retransmission.
  Dialog d;
  d.handshake();
  d.send(false, 1.000, 1, 1, 100);  // server data 1..101
  d.send(true, 1.001, 1, 101, 0);
  d.send(true, 1.002, 1, 101, 50);                      // client data 1..51
  d.send(false, 1.003, 101, 26, 0);                     // the server ACKs 26 of it
  const auto unseen = d.send(true, 1.004, 51, 301, 0);  // ACKs server data 101..301, never captured
  CHECK(unseen.set.has(Verdict::ack_lost_segment));
  const auto v = d.send(true, 1.005, 26, 301, 25);  // resends 26..51
  CHECK(v.set.has(Verdict::fast_retransmission));
  CHECK(v.dup_acks_before == 0);  // no duplicate ACK asked for it
  CHECK_FALSE(v.set.has(Verdict::out_of_order));
}

TEST_CASE("Time going back is long ago, not out of order (ndpi tls-appdata.pcap)", "[segment_analyzer]") {
  Dialog d;
  d.handshake();
  d.send(true, 100.0, 1, 1, 100);
  d.send(true, 100.001, 101, 1, 100);
  const auto v = d.send(true, 50.0, 1, 1, 100);  // the clock stepped back
  CHECK(v.set.has(Verdict::retransmission));
  CHECK_FALSE(v.set.has(Verdict::out_of_order));
}
