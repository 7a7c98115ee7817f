#include "tcplens/tcp/connection.hpp"

#include <algorithm>
#include <array>

#include "tcplens/tcp/endpoint_state_machine.hpp"

namespace tcplens {

namespace {

bool same_endpoint(const Endpoint& e, const IpAddress& addr, std::uint16_t port) {
  return e.port == port && e.address == addr;
}

}  // namespace

bool likely_server_port(std::uint16_t port) {
  static constexpr std::array<std::uint16_t, 12> kServerPorts = {1080, 1433, 1521, 3306, 5432, 5672,
                                                                 6379, 8000, 8080, 8443, 9200, 27017};
  return port < 1024 || std::find(kServerPorts.begin(), kServerPorts.end(), port) != kServerPorts.end();
}

Connection::Connection(std::uint64_t stream, const DecodedPacket& first, ConnectionOrigin origin, ConnectionShape shape)
    : stream_(stream), origin_(origin), shape_(shape) {
  const TcpSegment& tcp = first.tcp;
  const bool syn = tcp.has(tcp_flag::syn);
  const bool ack = tcp.has(tcp_flag::ack);
  // Who is the client: the SYN's sender; the SYN-ACK's receiver; otherwise a
  // guess from the ports (the side on a well-known port is the server).
  bool sender_is_orig = true;
  if (syn && ack) {
    sender_is_orig = false;
    originator_inferred_ = true;
  } else if (!syn) {
    midstream_ = true;
    originator_inferred_ = true;
    sender_is_orig = !(likely_server_port(tcp.src_port) && !likely_server_port(tcp.dst_port));
  }
  flipped_ = !sender_is_orig;
  Endpoint& sender = sender_is_orig ? orig_ : resp_;
  Endpoint& receiver = sender_is_orig ? resp_ : orig_;
  sender.address = first.ip.src;
  sender.port = tcp.src_port;
  receiver.address = first.ip.dst;
  receiver.port = tcp.dst_port;
  if (midstream_) {
    orig_.state = resp_.state = TcpState::established;
    orig_.reached_established = resp_.reached_established = true;
    orig_.state_inferred = resp_.state_inferred = true;
  } else if (syn && !ack) {
    resp_.state = TcpState::listen;
    resp_.state_inferred = true;
  } else {
    orig_.state = TcpState::syn_sent;  // its SYN was not captured
    orig_.state_inferred = true;
    resp_.state_inferred = true;
    orig_.sent_syn = true;
    orig_.isn = tcp.ack - 1;
    orig_.seq.set_isn(tcp.ack - 1);
    resp_.state = TcpState::listen;
  }
  first_ = last_ = first.frame->ts;
  last_open_seconds_ = first_.seconds();
  first_frame_ = first.frame->number;
}

Role Connection::sender_of(const DecodedPacket& pkt) const {
  return same_endpoint(orig_, pkt.ip.src, pkt.tcp.src_port) ? Role::orig : Role::resp;
}

ConnectionShape Connection::learned_shape() const {
  ConnectionShape s;
  // Only the SYN (sent once or more) and no answer: a one-step handshake.
  const bool unanswered = orig_.sent_syn && handshake_step_ == 1 && resp_.packets == 0;
  const std::uint8_t shape = simultaneous_open_ ? 4 : refused_ ? 2 : unanswered ? 1 : 3;
  s.handshake_steps = std::max(shape, handshake_step_);
  s.teardown_steps = reset_ended_teardown_ ? teardown_step_ : combined_fin_ack_ ? 3 : 4;
  s.fin_lost = fin_lost_seen_;
  s.final_ack_lost = final_ack_lost_seen_;
  s.seen = directions_seen();
  const CaptureHostVerdict host = capture_host();
  s.capture_host = static_cast<std::uint8_t>(host.host);
  s.capture_host_evidence = static_cast<std::uint8_t>(host.evidence);
  s.capture_host_peer_correct = host.peer_correct;
  if (s.seen == 1 || s.seen == 2) {
    const Role visible = s.seen == 1 ? Role::orig : Role::resp;
    const std::int64_t last = endpoint(peer_of(visible)).acked_by_peer;  // the visible sender's highest ACK
    const bool rose_by_one = (last_ack_rise_one_ & role_bit(visible)) != 0;
    if (last > 1 && rose_by_one) s.peer_fin_ack = static_cast<std::uint32_t>(last);
  }
  return s;
}

void Connection::change_state(Role who, TcpState to, SegmentReport& report) {
  Endpoint& e = ep(who);
  if (e.state == to) return;
  report.changes.push_back({who, e.state, to, e.state_inferred});
  e.state_inferred = false;
  if (to >= TcpState::established) e.reached_established = true;
  if (to == TcpState::closed && e.state == TcpState::last_ack) e.closed_after_last_ack = true;
  e.state = to;
  if (to == TcpState::time_wait) {
    e.entered_time_wait = true;
    e.time_wait_since = last_;
    Annotation a{AnnotationCode::time_wait_begins, who};
    a.step = first_fin_by_ && (*first_fin_by_ == who || simultaneous_close_) ? 1 : 0;  // 1: active closer
    report.add(a);
  }
}

void Connection::update_numbers(const DecodedPacket& pkt, Role sender, SegmentReport& report) {
  const TcpSegment& tcp = pkt.tcp;
  Endpoint& s = ep(sender);
  Endpoint& r = ep(peer_of(sender));
  const bool syn = tcp.has(tcp_flag::syn);
  if (syn && (!s.seq.known() || (!s.sent_syn && !s.sent_synack && !tcp.has(tcp_flag::ack)))) {
    s.seq.set_isn(tcp.seq);
  } else if (syn && tcp.has(tcp_flag::ack) && tcp.seq != s.seq.isn()) {
    // A SYN-ACK from another ISN than this side's numbers so far (another
    // SYN-ACK, or data seen first): Wireshark restarts the relative numbers
    // and flags the ports as reused; so does tcplens.
    s.seq.set_isn(tcp.seq);
    report.add(Annotation{AnnotationCode::new_isn, sender});
  } else if (!s.seq.known())
    s.seq.set_first_seen(tcp.seq);
  report.seq = s.seq.advance(tcp.seq);
  report.has_ack = tcp.has(tcp_flag::ack);
  if (report.has_ack) {
    if (!r.seq.known()) r.seq.set_first_seen(tcp.ack);
    report.ack = r.seq.relative(tcp.ack);
  }
  report.seq_abs = tcp.seq;
  report.ack_abs = tcp.ack;
}

namespace {

// Sent a FIN or a RST (Zeek's did_close).
bool has_closed(const Endpoint& e) { return e.fin_seq.has_value() || e.sent_rst; }

}  // namespace

void Connection::on_segment(const DecodedPacket& pkt, SegmentReport& report) {
  report.reset();
  const TcpSegment& tcp = pkt.tcp;
  const Role sender = sender_of(pkt);
  const double gap = pkt.frame->ts.seconds() - last_.seconds();
  note_idle(gap, pkt.frame->number);
  // The latest time seen: a timestamp that goes back (reported in the
  // summary) does not make the duration shorter or negative.
  if (pkt.frame->ts.seconds() > last_.seconds()) last_ = pkt.frame->ts;
  if (!(has_closed(orig_) && has_closed(resp_))) {
    last_open_seconds_ = std::max(last_open_seconds_, pkt.frame->ts.seconds());
  }
  report.frame = pkt.frame->number;
  report.stream = stream_;
  report.sender = sender;
  report.flags = tcp.flags;
  // Bytes the IP length claims beyond the frame's own length were never on
  // the wire: tcpdump prints the claimed length, the analysis (as
  // Wireshark's) counts only what was there.
  const std::uint32_t claimed = tcp.payload_length();
  report.payload = claimed - std::min(claimed, pkt.ip.missing_bytes);
  report.one_direction = one_direction();
  update_numbers(pkt, sender, report);
  if (first_packet_) annotate_first_packet(report);
  if (!first_packet_ && gap >= kLongIdleSeconds) {
    Annotation a{AnnotationCode::after_idle, sender};
    a.seconds = gap;
    report.add(a);
  }
  apply_transitions(pkt, sender, report);
  analyze_segment(pkt, report);
  if (budget_ != nullptr) reassemble(pkt, report);
  record_endpoint_facts(pkt, report);
  history_.record_segment(sender, tcp.flags, report.payload, tcp.seq);
  if (flipped_ && first_packet_) history_.mark_flipped();
  first_packet_ = false;
  report.orig_state = orig_.state;
  report.resp_state = resp_.state;
}

void Connection::annotate_first_packet(SegmentReport& report) {
  if (origin_.port_reuse) {
    Annotation a{origin_.reuse_in_time_wait ? AnnotationCode::port_reuse_in_time_wait : AnnotationCode::port_reuse};
    a.who = origin_.reuse_time_wait_side;
    a.seconds = origin_.reuse_after_seconds;
    report.add(a);
  }
  if (one_direction()) report.add({AnnotationCode::one_direction, shape_.seen == 1 ? Role::orig : Role::resp});
  if (shape_.capture_host != 0) {
    Annotation a{AnnotationCode::capture_host, shape_.capture_host == 2 ? Role::resp : Role::orig};
    a.step = shape_.capture_host;
    a.bytes = shape_.capture_host_evidence;
    a.steps = shape_.capture_host_peer_correct ? 1 : 0;
    report.add(a);
  }
  if (carriers_ != nullptr) {
    report.carriers = carriers_;
    report.add({AnnotationCode::carried_in, Role::orig});
  }
  if (midstream_)
    report.add({AnnotationCode::midstream_pickup, flipped_ ? Role::resp : Role::orig});
  else if (flipped_)
    report.add({AnnotationCode::syn_not_captured, Role::orig});
}

// The peer (never seen) sent a FIN; the sender received it. Whether that FIN
// also ACKed the sender's own FIN is not visible, so it is not assumed (the
// sender goes FIN_WAIT_1 -> CLOSING, never further than the capture shows).
void Connection::infer_peer_fin(Role sender, SegmentReport& report) {
  Endpoint& s = ep(sender);
  Endpoint& r = ep(peer_of(sender));
  r.fin_seq = static_cast<std::int64_t>(report.ack) - 1;
  EndpointEvent peer_sends{true, false, true, true, false};
  change_state(peer_of(sender), next_state(r.state, peer_sends).next, report);
  EndpointEvent sender_gets{false, false, true, true, false};
  change_state(sender, next_state(s.state, sender_gets).next, report);
  report.add({AnnotationCode::peer_fin_inferred, peer_of(sender)});
}

void Connection::apply_transitions(const DecodedPacket& pkt, Role sender, SegmentReport& report) {
  const TcpSegment& tcp = pkt.tcp;
  Endpoint& s = ep(sender);
  Endpoint& r = ep(peer_of(sender));
  const bool syn = tcp.has(tcp_flag::syn);
  const bool ack = tcp.has(tcp_flag::ack);
  const bool fin = tcp.has(tcp_flag::fin);
  const bool rst = tcp.has(tcp_flag::rst);
  // One direction visible: the ACK that the first pass found acknowledging
  // the invisible peer's FIN shows that FIN arrived before this packet left.
  if (one_direction() && !peer_fin_inferred_ && shape_.peer_fin_ack > 0 && ack &&
      static_cast<std::uint32_t>(report.ack) == shape_.peer_fin_ack && !r.fin_seq) {
    peer_fin_inferred_ = true;
    infer_peer_fin(sender, report);
  }
  const bool covers_peer_fin = ack && r.fin_seq && report.ack > *r.fin_seq;
  const bool fin_retransmitted = fin && s.fin_seq && *s.fin_seq == report.fin_position();
  const bool syn_retransmitted = syn && (ack ? s.sent_synack : s.sent_syn) && tcp.seq == s.isn;
  const std::uint8_t sender_bit = role_bit(sender);
  // Sent again before any ACK of it: the first one was lost on its way.
  if (fin_retransmitted && s.acked_by_peer <= *s.fin_seq) fin_lost_seen_ |= sender_bit;
  // The first pass saw that this first FIN never arrived: the peer's state
  // does not move (the retransmission moves it).
  const bool fin_lost_on_the_way = fin && !s.fin_seq && (shape_.fin_lost & sender_bit) != 0;
  if (fin_lost_on_the_way) report.add({AnnotationCode::fin_lost, sender});

  // A FIN sent again after the final ACK: that ACK never reached it.
  const bool final_ack_lost = fin_retransmitted && s.state == TcpState::closed && s.closed_after_last_ack;
  if (final_ack_lost) {
    final_ack_lost_seen_ |= sender_bit;
    change_state(sender, TcpState::last_ack, report);
  }
  // The first pass saw the receiver send its FIN again after this ACK: it
  // never arrived, so the receiver stays in LAST_ACK.
  const bool final_ack_lost_on_the_way = !final_ack_withheld_ && covers_peer_fin && !fin && !syn && !rst &&
                                         r.state == TcpState::last_ack &&
                                         (shape_.final_ack_lost & role_bit(peer_of(sender))) != 0;
  if (final_ack_lost_on_the_way) {
    final_ack_withheld_ = true;
    report.add({AnnotationCode::final_ack_lost, peer_of(sender)});
  }
  const TcpState sender_before = s.state;
  const TcpState peer_before = r.state;

  // A listener does not send a SYN: the endpoint assumed LISTEN was CLOSED.
  if (syn && !ack && s.state == TcpState::listen && s.state_inferred) s.state = TcpState::closed;
  EndpointEvent sent{true, syn, ack, fin, rst};
  sent.acks_peer_fin = covers_peer_fin;
  sent.own_syn_acked = s.syn_acked;
  sent.data_or_acks_data = report.payload > 0 || (ack && report.ack > 1);
  EndpointEvent received{false, syn, ack, fin && !fin_lost_on_the_way, rst};
  received.acks_own_syn = ack && (r.sent_syn || r.sent_synack) && report.ack >= 1;
  received.acks_own_fin = covers_peer_fin && !final_ack_lost_on_the_way;
  received.crossed_syns = simultaneous_open_;

  const Transition ts = next_state(s.state, sent);
  if (ts.reason == TransitionReason::simultaneous_close) simultaneous_close_ = true;
  if (ts.reason == TransitionReason::simultaneous_close && s.state == TcpState::close_wait) {
    // Its FIN does not ACK the peer's: it left before that FIN arrived, so
    // the endpoint went to FIN_WAIT_1, never CLOSE_WAIT (RFC 9293 figure 13).
    report.changes.push_back({sender, TcpState::established, TcpState::fin_wait_1, false, TcpState::close_wait});
    s.state = TcpState::fin_wait_1;
  }
  change_state(sender, ts.next, report);
  const Transition tr = next_state(r.state, received);
  if (tr.reason == TransitionReason::simultaneous_open) simultaneous_open_ = true;
  if (tr.reason == TransitionReason::simultaneous_close) simultaneous_close_ = true;
  if (tr.reason == TransitionReason::fin_acked || tr.reason == TransitionReason::peer_fin_after_own) {
    if (!r.fin_acked_frame) r.fin_acked_frame = report.frame;
  }
  change_state(peer_of(sender), tr.next, report);
  if (received.acks_own_syn) r.syn_acked = true;

  if (rst)
    annotate_reset(sender, sender_before, peer_before, report);
  else if (!handshake_complete_ || syn)
    annotate_handshake(pkt, report, syn_retransmitted);
  if (!rst) annotate_teardown(pkt, report, fin_retransmitted);
  if (final_ack_lost) {
    Annotation a{AnnotationCode::ack_lost, sender};
    a.frame = s.fin_acked_frame;
    report.add(a);
  }
  if (report.payload > 0 && rst)
    report.add({AnnotationCode::rst_with_data, sender});
  else if (report.payload > 0)
    annotate_data(sender, report);
  if (!midstream_ && orig_.reached_established && resp_.reached_established) handshake_complete_ = true;
}

void Connection::record_endpoint_facts(const DecodedPacket& pkt, const SegmentReport& report) {
  const TcpSegment& tcp = pkt.tcp;
  Endpoint& s = ep(report.sender);
  Endpoint& r = ep(peer_of(report.sender));
  ++s.packets;
  s.ip_bytes += std::uint64_t{pkt.ip.header_length} + pkt.ip.transport_length;
  const double now = pkt.frame->ts.seconds();
  time_handshake(pkt, report, now);
  s.zeek = zeek_next_state(s.zeek, tcp.flags);
  if (tcp.has(tcp_flag::syn)) {
    if (tcp.has(tcp_flag::ack))
      s.sent_synack = true;
    else
      s.sent_syn = true;
    s.isn = tcp.seq;
    if (!s.syn_frame) s.syn_frame = report.frame;
  }
  if (tcp.has(tcp_flag::rst)) {
    s.sent_rst = true;
    if (!rst_frame_) rst_frame_ = report.frame;
  }
  if (report.payload > 0) {
    const std::int64_t start = report.payload_start();
    const std::int64_t end = report.fin_position();
    if (!s.data_seen) {
      s.data_seen = true;
      s.data_start = std::min<std::int64_t>(start, 1);
      s.data_end = end;
    } else {
      s.data_start = std::min(s.data_start, start);
      s.data_end = std::max(s.data_end, end);
    }
    if (r.fin_seq) r.peer_sent_data_after_fin = true;
  }
  if (tcp.has(tcp_flag::fin)) {
    if (!s.fin_seq) {
      s.fin_seq = report.fin_position();
      s.fin_frame = report.frame;
      if (!first_fin_by_) first_fin_by_ = report.sender;
    }
  }
}

}  // namespace tcplens
