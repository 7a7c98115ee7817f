// The words for what a packet does: handshake and teardown steps, resets,
// data around a close. State changes themselves happen in connection.cpp.
#include "tcplens/tcp/connection.hpp"

namespace tcplens {

namespace {

bool moved(const SegmentReport& report, Role who, TcpState from, TcpState to) {
  for (const auto& c : report.changes) {
    if (c.who == who && c.from == from && c.to == to) return true;
  }
  return false;
}

bool became(const SegmentReport& report, Role who, TcpState to) {
  for (const auto& c : report.changes) {
    if (c.who == who && c.to == to) return true;
  }
  return false;
}

}  // namespace

void Connection::annotate_handshake(const DecodedPacket& pkt, SegmentReport& report, bool retransmitted) {
  const bool syn = pkt.tcp.has(tcp_flag::syn);
  const bool ack = pkt.tcp.has(tcp_flag::ack);
  const Role sender = report.sender;
  const Role receiver = peer_of(sender);
  Annotation a;
  a.who = sender;
  a.steps = shape_.handshake_steps;
  if (syn && retransmitted) {
    a.code = ack ? AnnotationCode::synack_retransmitted : AnnotationCode::syn_retransmitted;
    a.frame = endpoint(sender).syn_frame;
    report.add(a);
    return;
  }
  if (syn && !ack) {
    a.code = handshake_step_ == 0 ? AnnotationCode::handshake_syn : AnnotationCode::simultaneous_open;
  } else if (syn && ack) {
    a.code = AnnotationCode::handshake_synack;
    // Streaming, the count becomes known here (a SYN-ACK: 3 steps, or 4 if both sent SYNs).
    if (shape_.handshake_steps == 0) shape_.handshake_steps = handshake_step_ >= 2 ? 4 : 3;
    a.steps = shape_.handshake_steps;
  } else if (ack && (moved(report, receiver, TcpState::syn_received, TcpState::established) ||
                     moved(report, receiver, TcpState::syn_received, TcpState::close_wait))) {
    a.code = AnnotationCode::handshake_ack;
  } else {
    return;
  }
  a.step = ++handshake_step_;
  report.add(a);
}

void Connection::annotate_teardown(const DecodedPacket& pkt, SegmentReport& report, bool fin_retransmitted) {
  const bool fin = pkt.tcp.has(tcp_flag::fin);
  const bool ack = pkt.tcp.has(tcp_flag::ack);
  const Role sender = report.sender;
  const Role receiver = peer_of(sender);
  const Endpoint& s = endpoint(sender);
  Annotation a;
  a.who = sender;
  a.steps = shape_.teardown_steps;
  if (fin && fin_retransmitted) {
    a.code = AnnotationCode::fin_retransmitted;
    a.frame = s.fin_frame;
    report.add(a);
    // Already in TIME_WAIT before this FIN: its ACK will be a second one. (A
    // receiver that this retransmission moves to TIME_WAIT ACKs it first.)
    if (endpoint(receiver).state == TcpState::time_wait && !became(report, receiver, TcpState::time_wait)) {
      reack_pending_ = true;
    }
    return;
  }
  if (fin) {
    ++fins_seen_;
    if (fins_seen_ == 2 && !fin_ack_step_seen_ && !simultaneous_close_ && ack &&
        became(report, receiver, TcpState::time_wait)) {
      combined_fin_ack_ = true;  // the second FIN also ACKs the first: a 3-way close
    }
    // Streaming, the count becomes known here (3-way or 4-way).
    if (fins_seen_ == 2 && shape_.teardown_steps == 0) shape_.teardown_steps = combined_fin_ack_ ? 3 : 4;
    a.steps = shape_.teardown_steps;
    a.code = AnnotationCode::teardown_fin;
    a.step = ++teardown_step_;
    report.add(a);
    if (report.payload > 0) report.add({AnnotationCode::fin_with_data, sender});
    if (simultaneous_close_ && fins_seen_ == 2) report.add({AnnotationCode::simultaneous_close, sender});
    return;
  }
  if (!ack) return;
  if (reack_pending_ && s.state == TcpState::time_wait) {
    reack_pending_ = false;
    report.add({AnnotationCode::time_wait_reack, sender});
    return;
  }
  if (moved(report, receiver, TcpState::fin_wait_1, TcpState::fin_wait_2) ||
      moved(report, receiver, TcpState::closing, TcpState::time_wait) ||
      moved(report, receiver, TcpState::last_ack, TcpState::closed)) {
    fin_ack_step_seen_ = fin_ack_step_seen_ || fins_seen_ == 1;
    if (fins_seen_ == 1 && shape_.teardown_steps == 0) shape_.teardown_steps = 4;  // a separate ACK: 4-way
    a.steps = shape_.teardown_steps;
    a.code = AnnotationCode::teardown_ack;
    a.step = ++teardown_step_;
    report.add(a);
  }
}

void Connection::annotate_reset(Role sender, TcpState sender_before, TcpState peer_before, SegmentReport& report) {
  const Endpoint& s = endpoint(sender);
  if (sender == Role::resp && !handshake_complete_ &&
      (sender_before == TcpState::listen || peer_before == TcpState::syn_sent)) {
    refused_ = true;
    if (shape_.handshake_steps == 0) shape_.handshake_steps = static_cast<std::uint8_t>(handshake_step_ + 1);
    Annotation a{AnnotationCode::refused, sender};
    a.step = ++handshake_step_;  // the RST is the handshake's last step
    a.steps = shape_.handshake_steps;
    report.add(a);
  } else if (s.fin_seq && s.peer_sent_data_after_fin) {
    report.add({AnnotationCode::reset_after_close, sender});
  } else {
    Annotation a{AnnotationCode::reset, sender};
    const auto closed_out = [](TcpState st) { return st == TcpState::time_wait || st == TcpState::closed; };
    // The RST ends a teardown that began with a FIN and had not completed.
    if (fins_seen_ > 0 && !(closed_out(sender_before) && closed_out(peer_before))) {
      reset_ended_teardown_ = true;
      a.step = ++teardown_step_;
      if (shape_.teardown_steps == 0) shape_.teardown_steps = teardown_step_;
      a.steps = shape_.teardown_steps;
    }
    report.add(a);
  }
}

void Connection::annotate_data(Role sender, SegmentReport& report) {
  const Endpoint& s = endpoint(sender);
  const Endpoint& r = endpoint(peer_of(sender));
  report.add({AnnotationCode::data, sender});
  if (s.fin_seq && report.seq >= *s.fin_seq) report.add({AnnotationCode::data_after_fin, sender});
  if (r.fin_seq && !s.fin_seq && !half_close_noted_) {
    half_close_noted_ = true;
    report.add({AnnotationCode::half_close, peer_of(sender)});
  }
}

}  // namespace tcplens
