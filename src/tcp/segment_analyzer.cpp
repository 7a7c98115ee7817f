// Definitions follow Wireshark 4.0's tcp_analyze_sequence_number()
// (epan/dissectors/packet-tcp.c) and its documentation, checked against
// tshark 4.0.17 by tests/tshark/. "fwd" is the sender's direction, "rev" the
// receiver's.
#include "tcplens/tcp/segment_analyzer.hpp"

#include "tcplens/decode/tcp_segment.hpp"

namespace tcplens {

namespace {

using Direction = SegmentAnalyzer::Direction;

bool gt_seq(std::uint32_t x, std::uint32_t y) { return static_cast<std::int32_t>(y - x) < 0; }
bool lt_seq(std::uint32_t x, std::uint32_t y) { return static_cast<std::int32_t>(x - y) < 0; }
bool le_seq(std::uint32_t x, std::uint32_t y) { return static_cast<std::int32_t>(y - x) >= 0; }

bool has_any(const SegmentFacts& s, std::uint8_t flags) { return (s.flags & flags) != 0; }
bool syn_fin_or_rst(const SegmentFacts& s) { return has_any(s, tcp_flag::syn | tcp_flag::fin | tcp_flag::rst); }

// Wireshark keeps at most this many unACKed segments per direction for ack_rtt.
constexpr std::size_t kMaxUnacked = 1000;

// A one-byte segment at the next expected number while the receiver's
// window is closed.
bool is_zero_window_probe(const Direction& fwd, const Direction& rev, const SegmentFacts& s) {
  return s.seglen == 1 && s.seq == fwd.nextseq && rev.window == 0;
}

// The sender advertises no room, outside the handshake and teardown.
bool is_zero_window(const SegmentFacts& s, std::uint32_t window) { return window == 0 && !syn_fin_or_rst(s); }

// It starts beyond everything seen so far: the segments between were not captured.
bool is_after_lost_segment(const Direction& fwd, const SegmentFacts& s) {
  return fwd.nextseq != 0 && gt_seq(s.seq, fwd.nextseq) && !has_any(s, tcp_flag::rst);
}

// Zero or one byte, one below the next expected number: a probe to make the peer ACK.
bool is_keep_alive(const Direction& fwd, const SegmentFacts& s) {
  return (s.seglen == 0 || s.seglen == 1) && s.seq == fwd.nextseq - 1 && !syn_fin_or_rst(s);
}

// A pure ACK that only opens (or changes) the window.
bool is_window_update(const Direction& fwd, const SegmentFacts& s, std::uint32_t window) {
  return s.seglen == 0 && window != 0 && window != fwd.window && s.seq == fwd.nextseq && s.ack == fwd.lastack &&
         !syn_fin_or_rst(s);
}

// Data up to exactly the right edge of the receiver's window.
bool is_window_full(const Direction& rev, const SegmentFacts& s) {
  return s.seglen > 0 && rev.win_scale != kScaleUnknown && s.seq + s.seglen == rev.lastack + rev.window &&
         !syn_fin_or_rst(s);
}

// A pure ACK repeating the last one, same window: the same ACK again.
bool repeats_last_ack(const Direction& fwd, const SegmentFacts& s, std::uint32_t window) {
  return s.seglen == 0 && window != 0 && window == fwd.window && s.seq == fwd.nextseq && s.ack == fwd.lastack &&
         !syn_fin_or_rst(s);
}

bool is_keep_alive_ack(const Direction& fwd, const Direction& rev, const SegmentFacts& s, std::uint32_t window) {
  return repeats_last_ack(fwd, s, window) && rev.last_segment_verdicts.has(Verdict::keep_alive);
}

// The reply to a zero-window probe: still a zero window, same (or probe-accepting) ACK.
bool is_zero_window_probe_ack(const Direction& fwd, const Direction& rev, const SegmentFacts& s, std::uint32_t window) {
  return s.seglen == 0 && window == 0 && window == fwd.window && s.seq == fwd.nextseq &&
         (s.ack == fwd.lastack || s.ack == fwd.lastack + 1) &&
         rev.last_segment_verdicts.has(Verdict::zero_window_probe) && !syn_fin_or_rst(s);
}

// It ACKs beyond anything seen from the peer: the peer's segment was not captured.
bool acks_unseen_segment(const Direction& rev, const SegmentFacts& s) {
  return rev.maxseq_to_be_acked != 0 && gt_seq(s.ack, rev.maxseq_to_be_acked) && has_any(s, tcp_flag::ack);
}

// Sends sequence space again (data, SYN or FIN).
bool occupies_sequence_space(const SegmentFacts& s) {
  return s.seglen > 0 || has_any(s, tcp_flag::syn | tcp_flag::fin);
}

// The oldest unACKed segment that holds this number: its first transmission.
std::uint64_t first_sent(const Direction& fwd, std::uint32_t seq, double& ago, double now) {
  for (const auto& u : fwd.unacked) {
    if (!lt_seq(seq, u.seq) && lt_seq(seq, u.nextseq)) {
      ago = now - u.time;
      return u.frame;
    }
  }
  return 0;
}

}  // namespace

std::uint32_t SegmentAnalyzer::scaled_window(const Direction& fwd, const SegmentFacts& seg) const {
  std::uint32_t w = seg.raw_window;
  if (!has_any(seg, tcp_flag::syn) && fwd.win_scale >= 0) w <<= fwd.win_scale;
  return w;
}

// The SYN and SYN-ACK carry the shift; scaling is on only if both offer it.
void SegmentAnalyzer::learn_window_scale(Direction& fwd, Direction& rev, const SegmentFacts& seg) {
  if (!has_any(seg, tcp_flag::syn)) return;
  if (seg.has_wscale_option) fwd.win_scale = seg.wscale > 14 ? 14 : seg.wscale;
  if (fwd.win_scale == kScaleUnknown) {
    fwd.win_scale = kScaleNone;
    rev.win_scale = kScaleNone;
  } else if (has_any(seg, tcp_flag::ack) && rev.win_scale == kScaleNone) {
    fwd.win_scale = kScaleNone;
  }
}

SegmentVerdicts SegmentAnalyzer::analyze(bool is_orig, const SegmentFacts& seg) {
  Direction& fwd = is_orig ? orig_ : resp_;
  Direction& rev = is_orig ? resp_ : orig_;
  SegmentVerdicts v;
  const bool syn = has_any(seg, tcp_flag::syn);
  const bool ack = has_any(seg, tcp_flag::ack);
  if (!syn && ack && last_syn_time_ >= 0 && initial_rtt_ == 0) {
    initial_rtt_ = seg.time - last_syn_time_;
    irtt_measured_ = true;
  }
  if (syn && !ack) last_syn_time_ = seg.time;
  const std::uint32_t window = scaled_window(fwd, seg);
  v.window_scaled = window;
  classify_sequence(fwd, rev, seg, window, v);
  learn_window_scale(fwd, rev, seg);  // Wireshark reads the options after the analysis
  return v;
}

void SegmentAnalyzer::classify_sequence(Direction& fwd, Direction& rev, const SegmentFacts& seg, std::uint32_t window,
                                        SegmentVerdicts& v) {
  VerdictSet& set = v.set;
  bool ends_dup_ack_run = true;
  if (is_zero_window_probe(fwd, rev, seg)) {
    set.add(Verdict::zero_window_probe);
  } else {
    if (is_zero_window(seg, window)) set.add(Verdict::zero_window);
    if (is_after_lost_segment(fwd, seg)) {
      set.add(Verdict::lost_segment);
      v.gap_bytes = seg.seq - fwd.nextseq;
    }
    if (is_keep_alive(fwd, seg)) set.add(Verdict::keep_alive);
    if (is_window_update(fwd, seg, window)) set.add(Verdict::window_update);
    if (is_window_full(rev, seg)) set.add(Verdict::window_full);
    if (is_keep_alive_ack(fwd, rev, seg, window)) {
      set.add(Verdict::keep_alive_ack);
    } else if (is_zero_window_probe_ack(fwd, rev, seg, window)) {
      set.add(Verdict::zero_window_probe_ack);
    } else if (repeats_last_ack(fwd, seg, window)) {
      set.add(Verdict::duplicate_ack);
      fwd.dup_ack_num = fwd.dup_ack_num == kRunSpokenFor ? 1 : fwd.dup_ack_num + 1;
      v.dup_ack_number = fwd.dup_ack_num;
      v.dup_ack_of_frame = fwd.last_non_dup_ack;
      ends_dup_ack_run = false;
    }
  }
  // A new ack number ends the duplicate-ACK run (tshark 4.0: a window
  // update with the same ack does not).
  if (ends_dup_ack_run && seg.ack != fwd.lastack) {
    fwd.last_non_dup_ack = seg.frame;
    fwd.dup_ack_num = 0;
  }
  if (acks_unseen_segment(rev, seg)) {
    // Say it once per missing stretch: move the peer's ACKable edge to the
    // highest number seen; when the edge is already there (the peer sends
    // only pure ACKs), say it only if no duplicate ACK of the peer's spoke
    // since, and mark the peer's run as spoken for.
    if (lt_seq(rev.maxseq_to_be_acked, rev.nextseq)) {
      rev.maxseq_to_be_acked = rev.nextseq;
      set.add(Verdict::ack_lost_segment);
    } else {
      if (rev.dup_ack_num == 0) set.add(Verdict::ack_lost_segment);
      rev.dup_ack_num = kRunSpokenFor;
    }
  }
  if (occupies_sequence_space(seg) && !set.has(Verdict::keep_alive)) classify_retransmission(fwd, rev, seg, v);
  remember_segment(fwd, seg, v);
  fwd.window = window;
  fwd.lastack = seg.ack;
  fwd.lastack_time = seg.time;
  fwd.last_segment_verdicts = set;
  match_acked(rev, seg, v);
}

// Retransmission, fast retransmission, out of order or spurious: a segment
// that does not advance the sequence number, in Wireshark's order.
void SegmentAnalyzer::classify_retransmission(const Direction& fwd, const Direction& rev, const SegmentFacts& seg,
                                              SegmentVerdicts& v) const {
  bool seq_not_advanced = fwd.nextseq != 0 && lt_seq(seg.seq, fwd.nextseq);
  // One byte below the next number, then more: it follows a zero-window probe.
  if (seg.seglen > 1 && fwd.nextseq - 1 == seg.seq) seq_not_advanced = false;

  v.first_sent_frame = first_sent(fwd, seg.seq, v.since_first_sent, seg.time);
  // Spurious comes first: data the receiver had already ACKed, wherever it falls.
  if (seg.seglen > 0 && rev.lastack != 0 && le_seq(seg.seq + seg.seglen, rev.lastack)) {
    v.set.add(Verdict::spurious_retransmission);
    v.set.add(Verdict::retransmission);  // tshark's tcp.analysis.retransmission matches it too
    return;
  }
  // Wireshark takes these intervals as unsigned: time going back is "long ago".
  const auto within = [](double interval, double limit) { return interval >= 0 && interval < limit; };
  const double since_last_ack = seg.time - rev.lastack_time;
  if (seq_not_advanced && rev.dup_ack_num >= 2 && rev.lastack == seg.seq && within(since_last_ack, 0.020)) {
    v.set.add(Verdict::fast_retransmission);
    v.set.add(Verdict::retransmission);  // as Wireshark: tcp.analysis.retransmission matches it too
    v.dup_acks_before = rev.dup_ack_num == kRunSpokenFor ? 0 : rev.dup_ack_num;
    return;
  }
  const double since_highest = seg.time - fwd.nextseq_time;
  const double ooo_threshold = initial_rtt_ > 0 ? initial_rtt_ : 0.003;
  const std::uint32_t seg_end = seg.seq + seg.seglen + (has_any(seg, tcp_flag::syn | tcp_flag::fin) ? 1 : 0);
  if (seq_not_advanced && within(since_highest, ooo_threshold) && fwd.nextseq != seg_end) {
    v.set.add(Verdict::out_of_order);
    return;
  }
  if (seq_not_advanced) {
    v.set.add(Verdict::retransmission);
  }
}

void SegmentAnalyzer::remember_segment(Direction& fwd, const SegmentFacts& seg, const SegmentVerdicts& v) {
  if (seg.mss != 0 && has_any(seg, tcp_flag::syn)) fwd.mss = seg.mss;
  std::uint32_t nextseq = seg.seq + seg.seglen;
  if (has_any(seg, tcp_flag::syn | tcp_flag::fin)) nextseq += 1;
  if (occupies_sequence_space(seg) && fwd.unacked.size() < kMaxUnacked) {
    const bool again = v.set.has(Verdict::retransmission) || v.set.has(Verdict::out_of_order);
    fwd.unacked.push_back({seg.frame, seg.seq, nextseq, seg.time, again});
  }
  const bool probe = v.set.has(Verdict::zero_window_probe);  // probes do not move the edge
  if ((gt_seq(nextseq, fwd.nextseq) || fwd.nextseq == 0) && !probe) {
    fwd.nextseq = nextseq;
    fwd.nextseq_frame = seg.frame;
    fwd.nextseq_time = seg.time;
  }
  if ((seg.seq == fwd.maxseq_to_be_acked || fwd.maxseq_to_be_acked == 0) && !probe) {
    fwd.maxseq_to_be_acked = fwd.nextseq;
  }
}

// Drops the peer's segments this ACK covers; an exact match gives ack_rtt.
void SegmentAnalyzer::match_acked(Direction& rev, const SegmentFacts& seg, SegmentVerdicts& v) {
  if (!has_any(seg, tcp_flag::ack) || rev.unacked.empty()) return;
  auto& list = rev.unacked;
  std::size_t kept = 0;
  bool karn_excluded = false;
  for (std::size_t i = list.size(); i-- > 0;) {  // newest first, as Wireshark walks its list
    auto& u = list[i];
    if (seg.ack == u.nextseq) {
      v.acked_frame = u.frame;
      v.ack_rtt = seg.time - u.time;
    } else if (gt_seq(seg.ack, u.seq) && le_seq(seg.ack, u.nextseq)) {
      u.seq = seg.ack;  // partly ACKed
    }
    if (gt_seq(u.nextseq, seg.ack)) continue;
    karn_excluded = karn_excluded || u.sent_again;
    u.nextseq = u.seq;  // covered: mark for removal
    u.frame = 0;
  }
  for (auto& u : list) {
    if (u.frame != 0) list[kept++] = u;
  }
  list.resize(kept);
  if (v.ack_rtt >= 0 && !karn_excluded) v.rtt_sample = v.ack_rtt;
}

}  // namespace tcplens
