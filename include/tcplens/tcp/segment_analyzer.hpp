// Wireshark's TCP sequence analysis (tcp.analysis.*), one instance per
// connection: the same per-direction bookkeeping (next expected seq, last
// ACK, duplicate-ACK run, window) and the same precedence between verdicts,
// on the 32-bit numbers as on the wire (as Wireshark). Each verdict is a named
// predicate in segment_analyzer.cpp, with Wireshark's definition beside it.
#pragma once
#include <cstdint>
#include <vector>

#include "tcplens/tcp/segment_verdict.hpp"

namespace tcplens {

// One segment as the analysis sees it.
struct SegmentFacts {
  std::uint64_t frame = 0;
  double time = 0;
  std::uint32_t seq = 0;     // as on the wire (Wireshark's analysis uses the raw numbers)
  std::uint32_t ack = 0;     // as on the wire
  std::uint32_t seglen = 0;  // payload bytes
  std::uint8_t flags = 0;
  std::uint16_t raw_window = 0;
  bool has_wscale_option = false;  // SYNs only
  std::uint8_t wscale = 0;
  std::uint16_t mss = 0;  // SYNs only; 0: no MSS option
};

// Window scale of one direction: a shift, or not known / not in use.
inline constexpr int kScaleUnknown = -1;  // the handshake was not captured
inline constexpr int kScaleNone = -2;     // the handshake shows scaling is off
inline constexpr std::uint32_t kRunSpokenFor = UINT32_MAX;

class SegmentAnalyzer {
 public:
  // is_orig: the sender is the connection's originator.
  SegmentVerdicts analyze(bool is_orig, const SegmentFacts& seg);

  // Wireshark's iRTT (the last SYN to the first ACK after it); <0 until measured.
  [[nodiscard]] double initial_rtt() const { return irtt_measured_ ? initial_rtt_ : -1; }
  [[nodiscard]] int window_scale(bool orig) const { return (orig ? orig_ : resp_).win_scale; }
  // The MSS that direction's SYN announced; 0: unknown.
  [[nodiscard]] std::uint16_t mss(bool orig) const { return (orig ? orig_ : resp_).mss; }

  // Per-direction bookkeeping (Wireshark's tcp_flow_t and tcp_analyze_seq_flow_info_t).
  struct Direction {
    std::uint64_t nextseq_frame = 0;
    std::uint64_t last_non_dup_ack = 0;
    double nextseq_time = 0;
    double lastack_time = 0;
    std::uint32_t nextseq = 0;  // 0: not known yet (as in Wireshark)
    std::uint32_t maxseq_to_be_acked = 0;
    std::uint32_t lastack = 0;
    // kRunSpokenFor: an ACK of an unseen segment spoke for the run. Wireshark
    // stores -1 in an unsigned counter, so that value also counts as ">= 2"
    // duplicate ACKs for fast retransmission; tcplens keeps that quirk.
    std::uint32_t dup_ack_num = 0;
    std::uint32_t window = UINT32_MAX;      // last window, scaled; none yet
    std::uint16_t mss = 0;                  // from its SYN (a 16-bit option); 0: unknown
    std::int8_t win_scale = kScaleUnknown;  // a shift of 0-14, or kScaleUnknown / kScaleNone
    VerdictSet last_segment_verdicts;
    struct Unacked {
      std::uint64_t frame;
      std::uint32_t seq;
      std::uint32_t nextseq;
      double time;
      bool sent_again;  // a retransmission: no RTT sample from its ACK (Karn)
    };
    std::vector<Unacked> unacked;  // segments not yet ACKed, newest last (bounded)
  };

 private:
  void learn_window_scale(Direction& fwd, Direction& rev, const SegmentFacts& seg);
  [[nodiscard]] std::uint32_t scaled_window(const Direction& fwd, const SegmentFacts& seg) const;
  void classify_sequence(Direction& fwd, Direction& rev, const SegmentFacts& seg, std::uint32_t window,
                         SegmentVerdicts& v);
  void classify_retransmission(const Direction& fwd, const Direction& rev, const SegmentFacts& seg,
                               SegmentVerdicts& v) const;
  static void remember_segment(Direction& fwd, const SegmentFacts& seg, const SegmentVerdicts& v);
  static void match_acked(Direction& rev, const SegmentFacts& seg, SegmentVerdicts& v);

  Direction orig_;
  Direction resp_;
  double last_syn_time_ = -1;
  double initial_rtt_ = 0;  // Wireshark's ts_first_rtt: 0 means not set (and is set again)
  bool irtt_measured_ = false;
};

}  // namespace tcplens
