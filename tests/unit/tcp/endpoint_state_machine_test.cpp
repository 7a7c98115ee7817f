#include "tcplens/tcp/endpoint_state_machine.hpp"

#include <catch2/catch.hpp>

using namespace tcplens;
using S = TcpState;
using R = TransitionReason;

namespace {
struct Row {
  S from;
  EndpointEvent event;
  S to;
  R reason;
};

EndpointEvent sent(bool syn, bool ack, bool fin, bool rst = false, bool acks_peer_fin = false) {
  EndpointEvent e{true, syn, ack, fin, rst};
  e.acks_peer_fin = acks_peer_fin;
  return e;
}
EndpointEvent got(bool syn, bool ack, bool fin, bool rst = false, bool acks_syn = false, bool acks_fin = false) {
  EndpointEvent e{false, syn, ack, fin, rst};
  e.acks_own_syn = acks_syn;
  e.acks_own_fin = acks_fin;
  return e;
}
}  // namespace

TEST_CASE("Endpoint transitions, one row per RFC 9293 case", "[tcp][state]") {
  const Row rows[] = {
      // opening
      {S::closed, sent(true, false, false), S::syn_sent, R::active_open},
      {S::listen, got(true, false, false), S::listen, R::none},  // arrival alone is not evidence
      {S::listen, sent(true, true, false), S::syn_received, R::passive_open},
      {S::listen, sent(true, false, false), S::syn_sent, R::active_open},
      {S::closed, sent(true, true, false), S::syn_received, R::missed_syn},
      {S::syn_sent, got(true, true, false, false, true), S::established, R::handshake_done},
      {S::syn_sent, got(true, true, false, false, false), S::syn_sent, R::none},  // SYN-ACK for another SYN
      {S::syn_sent, got(true, false, false), S::syn_received, R::simultaneous_open},
      {S::syn_sent, sent(true, false, false), S::syn_sent, R::none},  // retransmitted SYN
      {S::syn_received, got(false, true, false, false, true), S::established, R::handshake_done},
      {S::syn_received, got(true, true, false, false, true), S::established, R::handshake_done},
      {S::syn_received, got(false, true, true, false, true), S::close_wait, R::passive_close},
      {S::syn_received, sent(false, true, true), S::fin_wait_1, R::active_close},
      // closing
      {S::established, sent(false, true, true), S::fin_wait_1, R::active_close},
      {S::established, got(false, true, true), S::close_wait, R::passive_close},
      {S::established, sent(false, true, false), S::established, R::none},
      {S::fin_wait_1, got(false, true, false, false, false, true), S::fin_wait_2, R::fin_acked},
      {S::fin_wait_1, got(false, true, true, false, false, true), S::time_wait, R::peer_fin_after_own},
      {S::fin_wait_1, got(false, true, true, false, false, false), S::closing, R::simultaneous_close},
      {S::fin_wait_1, got(false, true, false, false, false, false), S::fin_wait_1, R::none},
      {S::fin_wait_1, sent(false, true, true), S::fin_wait_1, R::none},  // retransmitted FIN
      {S::fin_wait_2, got(false, true, true), S::time_wait, R::peer_fin_after_own},
      {S::fin_wait_2, got(false, true, false), S::fin_wait_2, R::none},  // half-close: data keeps coming
      {S::close_wait, sent(false, true, true, false, true), S::last_ack, R::active_close},
      {S::close_wait, sent(false, true, true, false, false), S::closing, R::simultaneous_close},
      {S::close_wait, sent(false, true, false), S::close_wait, R::none},  // half-close: still sending
      {S::closing, got(false, true, false, false, false, true), S::time_wait, R::fin_acked},
      {S::last_ack, got(false, true, false, false, false, true), S::closed, R::fin_acked},
      {S::last_ack, got(false, true, true, false, false, true), S::last_ack, R::none},
      {S::time_wait, got(false, true, true), S::time_wait, R::none},  // retransmitted FIN: re-ACK, stay
      {S::time_wait, sent(false, true, false), S::time_wait, R::none},
      // resets
      {S::established, sent(false, true, false, true), S::closed, R::reset_sent},
      {S::established, got(false, false, false, true), S::closed, R::reset_received},
      {S::listen, sent(false, true, false, true), S::closed, R::refused},
      {S::syn_sent, got(false, true, false, true), S::closed, R::reset_received},
      {S::fin_wait_2, sent(false, false, false, true), S::closed, R::reset_sent},
      {S::time_wait, got(false, false, false, true), S::closed, R::reset_received},
      {S::closed, got(false, false, false, true), S::closed, R::none},
  };
  for (const auto& row : rows) {
    INFO("from " << state_name(row.from) << (row.event.sent ? " sending" : " receiving") << " syn=" << row.event.syn
                 << " ack=" << row.event.ack << " fin=" << row.event.fin << " rst=" << row.event.rst);
    const Transition t = next_state(row.from, row.event);
    CHECK(state_name(t.next) == state_name(row.to));
    CHECK(static_cast<int>(t.reason) == static_cast<int>(row.reason));
  }
}

TEST_CASE("Simultaneous open passes SYN_RECEIVED on both ends (RFC 9293 figure 8)", "[tcp][state]") {
  EndpointEvent synack_in = got(true, true, false, false, true);
  synack_in.crossed_syns = true;
  CHECK(next_state(S::syn_sent, synack_in).next == S::syn_received);  // the peer's SYN, repeated
  EndpointEvent synack_out = sent(true, true, false);
  synack_out.own_syn_acked = true;
  CHECK(next_state(S::syn_received, synack_out).next == S::established);
  synack_out.own_syn_acked = false;  // a SYN-ACK of a passive open, sent again
  CHECK(next_state(S::syn_received, synack_out).next == S::syn_received);
}

TEST_CASE("Data or an ACK of data from SYN_RECEIVED shows the handshake completed", "[tcp][state]") {
  EndpointEvent data_out = sent(false, true, false);
  data_out.data_or_acks_data = true;
  const Transition t = next_state(S::syn_received, data_out);
  CHECK(t.next == S::established);
  CHECK(t.reason == R::handshake_done);
  CHECK(next_state(S::syn_received, sent(false, true, false)).next == S::syn_received);  // a bare ACK proves nothing
}
