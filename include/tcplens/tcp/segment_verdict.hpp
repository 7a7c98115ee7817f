// Wireshark's tcp.analysis.* verdicts on one segment, as bits, with the
// facts their annotations quote. Names live in one table
// (segment_verdict.cpp); definitions in segment_analyzer.cpp.
#pragma once
#include <cstdint>
#include <string_view>

namespace tcplens {

enum class Verdict : std::uint8_t {
  retransmission,
  fast_retransmission,
  spurious_retransmission,
  out_of_order,
  lost_segment,      // previous segment(s) not captured
  ack_lost_segment,  // ACKs a segment the capture never saw
  duplicate_ack,
  zero_window,
  zero_window_probe,
  zero_window_probe_ack,
  window_full,
  window_update,
  keep_alive,
  keep_alive_ack,
  reused_ports,
  count_
};

std::string_view verdict_name(Verdict v);

class VerdictSet {
 public:
  void add(Verdict v) { bits_ |= bit(v); }
  void remove(Verdict v) { bits_ &= static_cast<std::uint16_t>(~bit(v)); }
  [[nodiscard]] bool has(Verdict v) const { return (bits_ & bit(v)) != 0; }
  [[nodiscard]] bool empty() const { return bits_ == 0; }
  [[nodiscard]] std::uint16_t bits() const { return bits_; }
  void clear() { bits_ = 0; }

 private:
  static constexpr std::uint16_t bit(Verdict v) { return static_cast<std::uint16_t>(1u << static_cast<unsigned>(v)); }
  std::uint16_t bits_ = 0;
};

// What the analysis found about one segment.
struct SegmentVerdicts {
  VerdictSet set;
  std::uint32_t dup_ack_number = 0;    // duplicate_ack: #n
  std::uint64_t dup_ack_of_frame = 0;  // duplicate_ack: the ACK it repeats
  std::uint64_t first_sent_frame = 0;  // retransmissions: the frame that first sent this number (0: unknown)
  std::uint32_t gap_bytes = 0;         // lost_segment: bytes missing before this segment
  std::uint32_t dup_acks_before = 0;   // fast_retransmission: duplicate ACKs that asked for it
  double since_first_sent = 0;         // ... and how long ago (Wireshark's tcp.analysis.rto)
  std::uint64_t acked_frame = 0;       // this ACK covers the segment of that frame exactly
  double ack_rtt = -1;                 // ... after this many seconds (Wireshark's ack_rtt); <0: none
  double rtt_sample = -1;              // the same, when Karn's rule allows it (no retransmitted data ACKed)
  std::uint32_t window_scaled = 0;     // the window in bytes, once the scale is known
};

}  // namespace tcplens
