// The per-endpoint state machine, driven by what the capture shows the
// endpoint send and receive. One handler per state; each returns the next
// state and why (no out-parameters).
#pragma once
#include <cstdint>

#include "tcplens/tcp/tcp_state.hpp"

namespace tcplens {

// One segment as seen from one endpoint.
struct EndpointEvent {
  bool sent = false;  // true: this endpoint sent it; false: it receives it
  bool syn = false;
  bool ack = false;
  bool fin = false;
  bool rst = false;
  bool acks_own_syn = false;       // received: the ACK covers this endpoint's SYN
  bool acks_own_fin = false;       // received: the ACK covers this endpoint's FIN
  bool acks_peer_fin = false;      // sent: the ACK covers the peer's FIN
  bool own_syn_acked = false;      // sent: an earlier received segment ACKed this endpoint's SYN
  bool data_or_acks_data = false;  // sent: it carries payload, or ACKs payload of the peer
  bool crossed_syns = false;       // both ends sent a SYN without ACK (simultaneous open)
};

enum class TransitionReason : std::uint8_t {
  none,                // no change
  active_open,         // sent SYN
  passive_open,        // received SYN while listening
  simultaneous_open,   // received a SYN (no ACK) after sending one
  handshake_done,      // the handshake completed for this endpoint
  active_close,        // sent the first FIN
  passive_close,       // received the peer's FIN first
  fin_acked,           // its FIN was acknowledged
  simultaneous_close,  // FINs crossed
  peer_fin_after_own,  // received the peer's FIN after its own was acked
  reset_sent,
  reset_received,
  refused,     // answered a SYN with RST: nothing listening
  missed_syn,  // sent a SYN-ACK whose SYN the capture missed
};

struct Transition {
  TcpState next;
  TransitionReason reason = TransitionReason::none;
};

Transition next_state(TcpState current, const EndpointEvent& e);

}  // namespace tcplens
