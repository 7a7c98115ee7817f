#include "tcplens/tcp/loss_locator.hpp"

namespace tcplens {

namespace {

// Sequence-number order modulo 2^32 (RFC 9293 3.4).
bool seq_lt(std::uint32_t a, std::uint32_t b) { return static_cast<std::int32_t>(a - b) < 0; }
bool seq_le(std::uint32_t a, std::uint32_t b) { return !seq_lt(b, a); }

bool is_retransmission(const SegmentVerdicts& v) {
  // A spurious retransmission repeats what the receiver had ACKed: nothing
  // was lost.
  return v.set.has(Verdict::retransmission) && !v.set.has(Verdict::spurious_retransmission);
}

}  // namespace

LossPlace LossLocator::on_segment(std::uint32_t seq, std::uint32_t space, const SegmentVerdicts& v, double now,
                                  double irtt) {
  if (v.set.has(Verdict::lost_segment) && v.gap_bytes > 0) open_hole(seq - v.gap_bytes, seq, now);
  if (space == 0) return LossPlace::none;
  const Fill f = fill(seq, space);
  const bool out_of_order = v.set.has(Verdict::out_of_order);
  if (!is_retransmission(v) && !out_of_order) return LossPlace::none;  // new data
  if (!f.any) {
    // Bytes the capture already had, sent again (Wireshark calls a resend
    // that comes soon "out of order"): the first copy was lost after the
    // capture point, or its ACK was.
    ++after_;
    return LossPlace::after_capture;
  }
  const bool asked = f.asked >= 2;
  const bool late = irtt > 0 && now - f.opened >= irtt / 2;
  if (out_of_order && !asked && !late) return LossPlace::none;  // reordered into the hole
  ++before_;
  return LossPlace::before_capture;
}

LossPlace LossLocator::on_peer_ack(std::uint32_t ack) {
  bool covered = false;
  for (std::size_t i = 0; i < holes_count_;) {
    Hole& h = holes_[i];
    if (seq_le(h.end, ack)) {
      ++not_captured_;
      covered = true;
      erase(i);
      continue;
    }
    if (seq_le(h.start, ack) && h.asked < UINT8_MAX) ++h.asked;  // the receiver still waits for it
    ++i;
  }
  return covered ? LossPlace::not_captured : LossPlace::none;
}

void LossLocator::open_hole(std::uint32_t start, std::uint32_t end, double now) {
  if (holes_count_ == kMaxHoles) erase(0);  // the oldest gives way
  holes_[holes_count_++] = {start, end, now, 0};
}

LossLocator::Fill LossLocator::fill(std::uint32_t seq, std::uint32_t space) {
  const std::uint32_t end = seq + space;
  Fill f;
  for (std::size_t i = 0; i < holes_count_;) {
    Hole& h = holes_[i];
    if (!seq_lt(seq, h.end) || !seq_lt(h.start, end)) {  // no overlap
      ++i;
      continue;
    }
    if (!f.any || h.opened < f.opened) f.opened = h.opened;
    if (h.asked > f.asked) f.asked = h.asked;
    f.any = true;
    const bool keeps_head = seq_lt(h.start, seq);
    const bool keeps_tail = seq_lt(end, h.end);
    if (keeps_head && keeps_tail) {  // the segment sits inside: two holes remain
      const Hole tail{end, h.end, h.opened, h.asked};
      h.end = seq;
      if (holes_count_ < kMaxHoles) holes_[holes_count_++] = tail;
      ++i;
    } else if (keeps_head) {
      h.end = seq;
      ++i;
    } else if (keeps_tail) {
      h.start = end;
      ++i;
    } else {
      erase(i);
    }
  }
  return f;
}

void LossLocator::erase(std::size_t i) {
  for (std::size_t j = i + 1; j < holes_count_; ++j) holes_[j - 1] = holes_[j];
  --holes_count_;
}

}  // namespace tcplens
