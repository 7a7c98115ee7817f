// What a packet means for its connection: stable codes (in JSON and for
// `tcplens check`) with the few facts the text renderer needs. Names live in
// one table (annotation.cpp).
#pragma once
#include <cstdint>
#include <string_view>

#include "tcplens/tcp/tcp_state.hpp"

namespace tcplens {

enum class AnnotationCode : std::uint8_t {
  handshake_syn,
  handshake_synack,
  handshake_ack,
  simultaneous_open,
  syn_retransmitted,
  synack_retransmitted,
  syn_not_captured,  // a SYN-ACK without the SYN: originator inferred
  midstream_pickup,  // first packet is not a SYN: states and direction inferred
  data,
  teardown_fin,
  teardown_ack,  // the ACK of a FIN
  fin_retransmitted,
  fin_with_data,
  half_close,  // one side closed; data still flows the other way
  simultaneous_close,
  time_wait_begins,
  time_wait_reack,  // an endpoint in TIME_WAIT ACKs a retransmitted FIN
  ack_lost,         // a retransmitted FIN shows the ACK never arrived
  refused,
  reset,
  reset_after_close,  // RST in reply to data that arrived after a close
  data_after_fin,     // payload sent after the sender's own FIN
  port_reuse,
  port_reuse_in_time_wait,
  after_idle,         // the first packet after a long silence (seconds)
  rst_with_data,      // a RST carrying payload (not part of the stream)
  overlap_conflict,   // resent bytes differ from those seen first (frame: the first conflict)
  content_gap,        // bytes given up as never captured (seconds unused; frame: 0)
  reassembly_limit,   // a buffer bound was hit: a gap was given up early
  new_isn,            // a SYN-ACK with another ISN than the last: its numbers start over
  fin_lost,           // a FIN the peer never got: sent again before anything ACKed it
  one_direction,      // the capture has this endpoint's packets only (who: the visible sender)
  peer_fin_inferred,  // one direction: this ACK shows the unseen peer's FIN (who: that peer)
  carried_in,         // first packet: the VLANs/tunnels the connection travels in (report.carriers)
  final_ack_lost,     // this final ACK never reaches its receiver (who), which sends its FIN again; first pass only
  over_mss,        // first segment of its sender over the MSS its peer announced (bytes: its size; frame: here the MSS;
                   // step: 0 host unknown, 1 the sender's (TSO/GSO), 2 the receiver's (GRO))
  capture_host,    // first packet: the host the capture was taken on (step: CaptureHost; bytes: CaptureHostEvidence;
                   // steps 1: the peer's checksums were correct)
  ip_reassembled,  // the segment came in IP fragments (bytes: how many; frame: the first to arrive)
  ip_fragment_conflict,  // ... and overlapping fragments had different bytes (the first were kept)
  // Where missing segments went missing (tcp/loss_locator).
  lost_before_capture,  // this retransmission fills a hole: the first copy never reached the capture point (who:
                        // sender)
  lost_after_capture,   // this resend repeats captured bytes: it or the peer's answer was lost after the capture point
  missed_by_capture,    // this ACK covers a hole nothing filled: the bytes arrived, the capture missed them (who: ACK
                        // sender)
  count_
};

std::string_view annotation_code_name(AnnotationCode c);

// Where a retransmitted or missing segment went missing: it explains a
// verdict (said after it) and, like the verdicts, makes no timeline event.
[[nodiscard]] constexpr bool locates_loss(AnnotationCode c) {
  return c == AnnotationCode::lost_before_capture || c == AnnotationCode::lost_after_capture ||
         c == AnnotationCode::missed_by_capture;
}

struct Annotation {
  AnnotationCode code = AnnotationCode::data;
  Role who = Role::orig;    // the endpoint the annotation is about
  std::uint8_t step = 0;    // handshake/teardown step k ...
  std::uint8_t steps = 0;   // ... of n (0: unknown yet)
  std::uint64_t frame = 0;  // a related frame (first transmission, the lost ACK ...)
  double seconds = 0;       // a related duration (time in TIME_WAIT ...)
  std::uint64_t bytes = 0;  // a related byte count (a content gap ...)
};

struct StateChange {
  Role who = Role::orig;
  TcpState from = TcpState::closed;
  TcpState to = TcpState::closed;
  bool from_inferred = false;  // no packet in the capture showed the endpoint in `from`
  // An earlier packet's assumption this packet disproves (the endpoint was
  // never in it); `from` is the state it really was in. closed: none.
  TcpState withdrawn = TcpState::closed;
};

}  // namespace tcplens
