// Where one direction's missing segments went missing, relative to the
// capture point. Wireshark's verdicts say that something is missing; the
// packets that follow say where:
//   - a hole in the sequence space (lost_segment) that the sender fills
//     with a retransmission: the bytes never reached the capture point,
//     lost before it (upstream);
//   - a hole the receiver ACKs before anything fills it: the bytes
//     arrived, the capture missed them (drops by the capturing host or
//     the mirror port);
//   - a retransmission of bytes the capture did see (or a resend Wireshark
//     calls out of order because it came soon): the first copy passed the
//     capture point, then it or its ACK was lost after it (downstream).
// A hole filled by a segment Wireshark calls out of order was reordered,
// not lost, if it came soon; Wireshark calls anything out of order that
// comes within the initial RTT of the previous segment, so on short paths
// its retransmissions too. A filler is a retransmission when the receiver
// had asked for it (two or more ACKs at the hole since it showed: the
// duplicate ACKs of a fast retransmit; reordering draws one at most), or
// when it comes half the initial RTT or more after the hole showed (the
// receiver's ACKs had to reach the sender, a round trip through the
// capture point; reordering is much quicker). Holes beyond kMaxHoles per direction are not tracked (the
// oldest gives way). Only the flow table keeps this state (tcp/).
#pragma once
#include <array>
#include <cstdint>

#include "tcplens/tcp/segment_verdict.hpp"

namespace tcplens {

enum class LossPlace : std::uint8_t { none, before_capture, after_capture, not_captured };

class LossLocator {
 public:
  static constexpr std::size_t kMaxHoles = 8;

  // A segment of this direction: its wire sequence number, the sequence
  // space it occupies (payload, plus one for SYN and for FIN) and
  // Wireshark's verdicts on it.
  // now: its time (seconds); irtt: the connection's initial RTT at the
  // capture point, <0 when not measured (then Wireshark's verdicts alone).
  LossPlace on_segment(std::uint32_t seq, std::uint32_t space, const SegmentVerdicts& v, double now, double irtt);
  // The peer's cumulative ACK (wire number): holes it covers unfilled were
  // missed by the capture. Returns not_captured if it covered any.
  LossPlace on_peer_ack(std::uint32_t ack);

  [[nodiscard]] std::uint32_t before_capture() const { return before_; }
  [[nodiscard]] std::uint32_t after_capture() const { return after_; }
  [[nodiscard]] std::uint32_t not_captured() const { return not_captured_; }
  [[nodiscard]] std::size_t open_holes() const { return holes_count_; }

 private:
  struct Hole {
    std::uint32_t start;
    std::uint32_t end;
    double opened;       // when the segment after it showed the hole
    std::uint8_t asked;  // the peer's ACKs at the hole since (saturating)
  };
  struct Fill {
    bool any = false;
    double opened = 0;       // the oldest hole it touched: when it showed
    std::uint8_t asked = 0;  // the most ACKs any of them drew
  };
  void open_hole(std::uint32_t start, std::uint32_t end, double now);
  // Removes what [seq, seq + space) covers of the holes.
  Fill fill(std::uint32_t seq, std::uint32_t space);
  void erase(std::size_t i);

  std::array<Hole, kMaxHoles> holes_{};
  std::uint8_t holes_count_ = 0;
  std::uint32_t before_ = 0;
  std::uint32_t after_ = 0;
  std::uint32_t not_captured_ = 0;
};

}  // namespace tcplens
