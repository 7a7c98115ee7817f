// What the segments of a connection measure: Wireshark's verdicts (from
// the segment analyzer), RTT samples, bytes in flight, idle gaps and the
// handshake's timing.
#include "tcplens/decode/tcp_options.hpp"
#include "tcplens/tcp/connection.hpp"

namespace tcplens {

SegmentFacts Connection::facts_of(const DecodedPacket& pkt, const SegmentReport& report) {
  const TcpSegment& tcp = pkt.tcp;
  SegmentFacts f;
  f.frame = report.frame;
  f.time = pkt.frame->ts.seconds();
  // Wireshark analyses the numbers on the wire (it makes them relative only
  // after tcp_analyze_sequence_number); after a SYN-ACK with a new ISN the
  // two differ, and the wire numbers are what its verdicts follow.
  f.seq = tcp.seq;
  f.ack = tcp.ack;
  f.seglen = report.payload;
  f.flags = tcp.flags;
  f.raw_window = tcp.window;
  if (tcp.has(tcp_flag::syn)) {
    const TcpOptions opts = parse_tcp_options(tcp.options());
    f.has_wscale_option = opts.wscale.has_value();
    f.wscale = opts.wscale.value_or(0);
    f.mss = opts.mss.value_or(0);
  }
  return f;
}

// A segment larger than the MSS its receiver announced cannot have crossed
// the wire as one: the capture is at the sender's host before TSO/GSO cut it
// up, or at the receiver's after GRO merged it. Said once per direction,
// naming the host when the first pass told which. True: this segment is over.
bool Connection::note_over_mss(SegmentReport& report) {
  const std::uint16_t mss = analyzer_.mss(report.sender != Role::orig);
  const std::uint8_t bit = role_bit(report.sender);
  if (mss == 0 || report.payload <= mss) return false;
  if ((over_mss_ & bit) != 0) return true;
  over_mss_ |= bit;
  Annotation a{AnnotationCode::over_mss, report.sender};
  a.bytes = report.payload;
  a.frame = mss;
  const auto host = static_cast<CaptureHost>(shape_.capture_host);
  const CaptureHost sender_host = report.sender == Role::orig ? CaptureHost::orig : CaptureHost::resp;
  if (host == sender_host)
    a.step = 1;
  else if (host != CaptureHost::unknown && host != CaptureHost::both)
    a.step = 2;
  report.add(a);
  return true;
}

// The first few segments of each direction within the MSS, and its first
// one over it, have their checksums verified: which host's stack left them
// to the NIC tells where the capture was taken.
// RSTs and what an endpoint sends after its FIN are left out: Linux
// computes the whole checksum of replies sent without a full socket (RSTs,
// TIME_WAIT's ACKs) even where the NIC would fill it in.
void Connection::sample_checksum(const DecodedPacket& pkt, const SegmentReport& report, bool over_mss) {
  if (pkt.tcp.has(tcp_flag::rst) || ep(report.sender).fin_seq) return;
  ChecksumSample& sample = checksums_[report.sender == Role::orig ? 0 : 1];
  if (over_mss) {
    if (!sample.merged_checked) sample.add_merged(verify_tcp_checksum(pkt.ip, pkt.tcp));
  } else if (sample.wants_more()) {
    sample.add(verify_tcp_checksum(pkt.ip, pkt.tcp));
  }
}

// Wireshark's verdicts, counted per sender; RTT samples for the data's sender.
void Connection::analyze_segment(const DecodedPacket& pkt, SegmentReport& report) {
  Endpoint& s = ep(report.sender);
  Endpoint& r = ep(peer_of(report.sender));
  const SegmentFacts facts = facts_of(pkt, report);
  report.verdicts = analyzer_.analyze(report.sender == Role::orig, facts);
  // Wireshark flags the SYN that reuses a tuple with a new ISN.
  if (origin_.port_reuse && report.frame == first_frame_ && pkt.tcp.has(tcp_flag::syn)) {
    report.verdicts.set.add(Verdict::reused_ports);
  }
  if (report.has(AnnotationCode::new_isn)) report.verdicts.set.add(Verdict::reused_ports);
  sample_checksum(pkt, report, note_over_mss(report));
  note_losses(pkt, report);
  const SegmentVerdicts& v = report.verdicts;
  for (std::size_t i = 0; i < s.verdicts.size(); ++i) {
    if (v.set.has(static_cast<Verdict>(i))) ++s.verdicts[i];
  }
  if (v.set.has(Verdict::retransmission)) {  // fast and spurious ones carry it too
    if (!s.first_retransmission_frame) s.first_retransmission_frame = report.frame;
    if (report.payload > 0) history_.record_retransmission(report.sender);
  }
  if (v.set.has(Verdict::zero_window)) history_.record_zero_window(report.sender);
  if (v.rtt_sample >= 0) {
    Endpoint& data_sender = r;
    if (data_sender.rtt_samples == 0 || v.rtt_sample < data_sender.rtt_min) data_sender.rtt_min = v.rtt_sample;
    if (v.rtt_sample > data_sender.rtt_max) data_sender.rtt_max = v.rtt_sample;
    data_sender.rtt_sum += v.rtt_sample;
    ++data_sender.rtt_samples;
  }
  // Bytes in flight (Wireshark's tcp.analysis.bytes_in_flight): sent by
  // this endpoint and not yet ACKed by its peer, when it sends more.
  if (report.has_ack && report.ack > r.acked_by_peer) {
    const std::uint8_t bit = role_bit(report.sender);
    if (report.ack - r.acked_by_peer == 1)
      last_ack_rise_one_ |= bit;
    else
      last_ack_rise_one_ &= static_cast<std::uint8_t>(~bit);
    r.acked_by_peer = report.ack;
  }
  const std::int64_t end = report.seq + report.payload;
  if (end > s.highest_seq_sent) s.highest_seq_sent = end;
  if (report.payload > 0 && s.acked_by_peer > 0) {
    const std::int64_t in_flight = s.highest_seq_sent - s.acked_by_peer;
    if (in_flight > 0 && static_cast<std::uint64_t>(in_flight) > s.max_in_flight) s.max_in_flight = in_flight;
  }
}

// Where missing segments went missing, once the connection has a hole or a
// retransmission (most never do, and pay nothing).
void Connection::note_losses(const DecodedPacket& pkt, SegmentReport& report) {
  SegmentVerdicts v = report.verdicts;
  if (!losses_) {
    if (!v.set.has(Verdict::lost_segment) && !v.set.has(Verdict::retransmission)) return;
    losses_ = std::make_unique<Losses>();
  }
  // Wireshark calls a SYN-ACK that answers a SYN with the same number (a
  // simultaneous open) a retransmission; only a SYN sent again is one.
  if (pkt.tcp.has(tcp_flag::syn) && !report.has(AnnotationCode::syn_retransmitted) &&
      !report.has(AnnotationCode::synack_retransmitted)) {
    v.set.remove(Verdict::retransmission);
    v.set.remove(Verdict::out_of_order);
  }
  // Keep-alives and window probes repeat a byte on purpose: not a loss.
  const bool probe = v.set.has(Verdict::keep_alive) || v.set.has(Verdict::zero_window_probe);
  const std::uint32_t space =
      probe ? 0 : report.payload + (pkt.tcp.has(tcp_flag::syn) ? 1u : 0u) + (pkt.tcp.has(tcp_flag::fin) ? 1u : 0u);
  const LossPlace place =
      losses_->of(report.sender).on_segment(pkt.tcp.seq, space, v, pkt.frame->ts.seconds(), analyzer_.initial_rtt());
  if (place == LossPlace::before_capture) {
    report.add({AnnotationCode::lost_before_capture, report.sender});
  } else if (place == LossPlace::after_capture) {
    report.add({AnnotationCode::lost_after_capture, report.sender});
  }
  if (pkt.tcp.has(tcp_flag::ack) &&
      losses_->of(peer_of(report.sender)).on_peer_ack(pkt.tcp.ack) == LossPlace::not_captured) {
    report.add({AnnotationCode::missed_by_capture, report.sender});
  }
}

Connection::LossCounts Connection::losses() const {
  LossCounts c;
  if (!losses_) return c;
  for (const LossLocator* l : {&losses_->orig, &losses_->resp}) {
    c.before_capture += l->before_capture();
    c.after_capture += l->after_capture();
    c.not_captured += l->not_captured();
  }
  return c;
}

void Connection::note_idle(double gap, std::uint64_t frame) {
  if (first_packet_ || gap <= max_idle_) return;
  max_idle_ = gap;
  max_idle_frame_ = frame;
}

// The handshake's two halves as seen at the capture point: SYN to SYN-ACK
// (the server side of the path) and SYN-ACK to ACK (the client side).
void Connection::time_handshake(const DecodedPacket& pkt, const SegmentReport& report, double now) {
  const bool syn = pkt.tcp.has(tcp_flag::syn);
  const bool ack = pkt.tcp.has(tcp_flag::ack);
  if (syn && !ack) last_syn_time_ = now;
  if (syn && ack) {
    last_synack_time_ = now;
    if (last_syn_time_ >= 0 && syn_to_synack_ < 0) syn_to_synack_ = now - last_syn_time_;
  }
  if (report.has(AnnotationCode::handshake_ack) && last_synack_time_ >= 0 && synack_to_ack_ < 0) {
    synack_to_ack_ = now - last_synack_time_;
  }
}

}  // namespace tcplens
