// The connection's byte streams: TCP policy around the reassembler.
#include "tcplens/tcp/connection.hpp"

namespace tcplens {

void Connection::enable_reassembly(BufferBudget& budget, const ReassemblyLimits& limits) {
  budget_ = &budget;
  limits_ = &limits;
}

// TCP policy around the byte-stream reassembler: which payload belongs to
// the stream (not a RST's, not a keep-alive's garbage byte, not data past
// the sender's own FIN, no probe), and when a gap is final (the peer ACKed past it).
void Connection::reassemble(const DecodedPacket& pkt, SegmentReport& report) {
  const TcpSegment& tcp = pkt.tcp;
  const Role sender = report.sender;
  const Role peer = peer_of(sender);
  const Endpoint& s = ep(sender);
  const Endpoint& r = ep(peer);
  const bool rst = tcp.has(tcp_flag::rst);
  // Probes: a keep-alive's byte is garbage; a zero-window probe's byte is
  // refused (the window is closed) and comes again with the data after it.
  const bool probe =
      report.verdicts.set.has(Verdict::keep_alive) || report.verdicts.set.has(Verdict::zero_window_probe);
  const std::int64_t start = report.payload_start();
  const bool after_own_fin = s.fin_seq && start >= *s.fin_seq;
  if (report.payload > 0 && !rst && !probe && !after_own_fin) {
    if (!streams_) {
      streams_ = std::make_unique<Streams>(*budget_, *limits_);
    }
    StreamReassembler& rs = streams_->of(sender);
    const std::uint64_t conflicts = rs.conflicts();
    const std::uint64_t limit_hits = rs.limit_hits();
    Bytes payload = tcp.payload();
    if (payload.size() > report.payload) payload = payload.first(report.payload);  // Ethernet padding
    auto& chunks = report.chunks[static_cast<int>(sender)];
    rs.add(start, payload, report.frame, chunks);
    if (payload.size() < report.payload) {  // cut off by the snapshot length
      std::vector<StreamChunk> more;
      rs.add_uncaptured(start + static_cast<std::int64_t>(payload.size()), report.payload - payload.size(),
                        report.frame, more);
      chunks.insert(chunks.end(), more.begin(), more.end());
    }
    if (rs.conflicts() > conflicts) {
      Annotation a{AnnotationCode::overlap_conflict, sender};
      a.frame = rs.first_conflict_frame();
      report.add(a);
    }
    if (rs.limit_hits() > limit_hits) report.add({AnnotationCode::reassembly_limit, sender});
    note_gaps(sender, report);
  }
  // The sender ACKs the peer's bytes: a gap below the ACK will never fill
  // (the peer's FIN takes a number but is no byte).
  if (streams_ && report.has_ack) {
    StreamReassembler& rp = streams_->of(peer);
    std::int64_t final_byte = report.ack;
    if (r.fin_seq && *r.fin_seq < final_byte) final_byte = *r.fin_seq;
    if (final_byte > rp.next() && rp.next() > 0) {
      rp.skip_to(final_byte, report.chunks[static_cast<int>(peer)]);
      note_gaps(peer, report);
    }
    rp.acked(report.ack);
  }
}

namespace {

// Zeek's is_clean once this packet is through its state machine
// (TCP_Reassembler::Gap reports only while both ends are): established,
// or closed from established. Zeek moves an endpoint to ESTABLISHED when
// the peer ACKs its SYN; here that is having reached the RFC state
// ESTABLISHED, while Zeek's state is not partial (no SYN) or reset.
bool zeek_clean(const Endpoint& e, bool sent_this, std::uint8_t flags) {
  const ZeekState now = sent_this ? zeek_next_state(e.zeek, flags) : e.zeek;
  if (now == ZeekState::reset || now == ZeekState::partial || now == ZeekState::inactive) return false;
  return e.reached_established || now == ZeekState::established;
}

}  // namespace

void Connection::note_gaps(Role who, SegmentReport& report) {
  const bool clean = zeek_clean(orig_, report.sender == Role::orig, report.flags) &&
                     zeek_clean(resp_, report.sender == Role::resp, report.flags);
  for (const auto& c : report.chunks[static_cast<int>(who)]) {
    if (!c.gap) continue;
    if (clean) {
      history_.record_content_gap(who);
      streams_->zeek_missed += c.length;
    }
    // Bytes of a direction the capture never shows are not a gap worth a
    // line each: the first packet said that direction is not visible.
    if (one_direction()) continue;
    Annotation a{AnnotationCode::content_gap, who};
    a.bytes = c.length;
    report.add(a);
  }
}

void Connection::finish_streams(SegmentReport& report) {
  report.reset();
  report.stream = stream_;
  if (!streams_) return;
  streams_->orig.finish(report.chunks[0]);
  streams_->resp.finish(report.chunks[1]);
}

std::uint64_t Connection::missed_bytes() const { return streams_ ? streams_->zeek_missed : 0; }

}  // namespace tcplens
