#include "tcplens/tcp/endpoint_state_machine.hpp"

namespace tcplens {

namespace {

using R = TransitionReason;
using S = TcpState;

constexpr Transition stay(S s) { return {s, R::none}; }

// A RST ends any state; who sent it decides the reason.
Transition on_reset(S current, const EndpointEvent& e) {
  if (e.sent) return {S::closed, current == S::listen ? R::refused : R::reset_sent};
  return {S::closed, R::reset_received};
}

// A SYN that arrives is not enough to move a listener: the capture cannot
// show that it arrived. The SYN-ACK it sends shows it (SYN_RECEIVED then).
Transition on_closed(const EndpointEvent& e) {
  if (e.sent && e.syn && !e.ack) return {S::syn_sent, R::active_open};
  if (e.sent && e.syn && e.ack) return {S::syn_received, R::missed_syn};
  return stay(S::closed);
}

Transition on_listen(const EndpointEvent& e) {
  if (e.sent && e.syn && e.ack) return {S::syn_received, R::passive_open};
  if (e.sent && e.syn) return {S::syn_sent, R::active_open};
  return stay(S::listen);
}

// In a simultaneous open (RFC 9293 3.5, figure 8) each end receives the
// other's SYN in SYN_SENT and goes to SYN_RECEIVED, whether that SYN comes
// bare or, repeated, in the peer's SYN-ACK.
Transition on_syn_sent(const EndpointEvent& e) {
  // An ACK of its own after its SYN: the SYN-ACK reached it, whether or not
  // the capture saw it (one direction visible). A SYN again: retransmitted.
  if (e.sent) return e.ack && !e.syn && !e.rst ? Transition{S::established, R::handshake_done} : stay(S::syn_sent);
  if (e.syn && (!e.ack || e.crossed_syns)) return {S::syn_received, R::simultaneous_open};
  if (e.syn && e.ack && e.acks_own_syn) return {S::established, R::handshake_done};
  return stay(S::syn_sent);
}

Transition on_syn_received(const EndpointEvent& e) {
  if (e.sent) {
    if (e.fin) return {S::fin_wait_1, R::active_close};
    // Simultaneous open: its SYN-ACK goes out after its own SYN was ACKed.
    if (e.syn && e.ack && e.own_syn_acked) return {S::established, R::handshake_done};
    // Data, or an ACK of the peer's data: the handshake's ACK reached it,
    // whether or not the capture saw that ACK (one direction visible).
    if (!e.syn && e.data_or_acks_data) return {S::established, R::handshake_done};
    return stay(S::syn_received);
  }
  if (e.ack && e.acks_own_syn) {
    if (e.fin) return {S::close_wait, R::passive_close};
    return {S::established, R::handshake_done};
  }
  return stay(S::syn_received);
}

Transition on_established(const EndpointEvent& e) {
  if (!e.fin) return stay(S::established);
  return e.sent ? Transition{S::fin_wait_1, R::active_close} : Transition{S::close_wait, R::passive_close};
}

Transition on_fin_wait_1(const EndpointEvent& e) {
  if (e.sent) return stay(S::fin_wait_1);
  if (e.fin && e.acks_own_fin) return {S::time_wait, R::peer_fin_after_own};
  if (e.fin) return {S::closing, R::simultaneous_close};
  if (e.acks_own_fin) return {S::fin_wait_2, R::fin_acked};
  return stay(S::fin_wait_1);
}

Transition on_fin_wait_2(const EndpointEvent& e) {
  if (!e.sent && e.fin) return {S::time_wait, R::peer_fin_after_own};
  return stay(S::fin_wait_2);
}

Transition on_close_wait(const EndpointEvent& e) {
  if (!(e.sent && e.fin)) return stay(S::close_wait);
  // A FIN that does not acknowledge the peer's FIN was sent before that FIN
  // arrived: both closed at once.
  if (!e.acks_peer_fin) return {S::closing, R::simultaneous_close};
  return {S::last_ack, R::active_close};
}

Transition on_closing(const EndpointEvent& e) {
  if (!e.sent && e.acks_own_fin) return {S::time_wait, R::fin_acked};
  return stay(S::closing);
}

Transition on_last_ack(const EndpointEvent& e) {
  if (!e.sent && e.acks_own_fin && !e.fin) return {S::closed, R::fin_acked};
  return stay(S::last_ack);
}

}  // namespace

Transition next_state(TcpState current, const EndpointEvent& e) {
  if (e.rst && current != S::closed) return on_reset(current, e);
  switch (current) {
    case S::closed:
      return on_closed(e);
    case S::listen:
      return on_listen(e);
    case S::syn_sent:
      return on_syn_sent(e);
    case S::syn_received:
      return on_syn_received(e);
    case S::established:
      return on_established(e);
    case S::fin_wait_1:
      return on_fin_wait_1(e);
    case S::fin_wait_2:
      return on_fin_wait_2(e);
    case S::close_wait:
      return on_close_wait(e);
    case S::closing:
      return on_closing(e);
    case S::last_ack:
      return on_last_ack(e);
    case S::time_wait:
      return stay(S::time_wait);
  }
  return stay(current);
}

}  // namespace tcplens
