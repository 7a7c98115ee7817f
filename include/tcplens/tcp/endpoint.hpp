// One end of a connection: its address, its RFC 9293 state and what the
// capture has shown it send.
#pragma once
#include <array>
#include <cstdint>
#include <utility>
#include <optional>

#include "tcplens/core/ip_address.hpp"
#include "tcplens/core/timestamp.hpp"
#include "tcplens/tcp/sequence_space.hpp"
#include "tcplens/tcp/tcp_state.hpp"
#include "tcplens/tcp/zeek_state.hpp"

namespace tcplens {

struct Endpoint {
  IpAddress address;
  std::uint16_t port = 0;
  TcpState state = TcpState::closed;
  bool state_inferred = false;  // the current state was assumed, not shown by a packet
  ZeekState zeek = ZeekState::inactive;
  SequenceSpace seq;  // the numbers this endpoint sends

  bool sent_syn = false;     // a SYN without ACK
  bool sent_synack = false;
  std::uint32_t isn = 0;     // of the SYN or SYN-ACK it sent
  std::uint64_t syn_frame = 0;
  std::optional<std::int64_t> fin_seq;  // relative number its FIN occupies
  std::uint64_t fin_frame = 0;
  std::uint64_t fin_acked_frame = 0;    // the peer's ACK of that FIN
  bool closed_after_last_ack = false;
  bool sent_rst = false;
  bool reached_established = false;  // got through its handshake at some point
  bool entered_time_wait = false;
  Timestamp time_wait_since;
  bool peer_sent_data_after_fin = false;  // data arrived after this endpoint closed

  bool data_seen = false;
  std::int64_t data_start = 1;  // relative numbers of the payload seen
  std::int64_t data_end = 1;
  std::int64_t next_seq = 0;      // one past the highest sequence number sent (SYN and FIN count)
  bool next_seq_known = false;
  std::uint64_t retransmissions = 0;  // segments with data, SYN or FIN that start below next_seq
  std::uint64_t out_of_order = 0;     // segments that filled a gap left by a later segment
  std::uint64_t first_retransmission_frame = 0;
  // Duplicate ACKs this endpoint has sent for its current ack number.
  std::uint32_t last_ack_sent = 0;
  std::uint16_t last_window_sent = 0;
  bool ack_sent = false;
  std::uint32_t dup_acks_in_a_row = 0;
  std::uint64_t dup_acks = 0;
  std::uint64_t zero_windows = 0;  // segments advertising a zero window (not SYN/RST)
  double last_segment_time = 0;  // of its last segment with data, SYN or FIN
  // Gaps below next_seq (a later segment came first); a segment inside one
  // is out of order, not a retransmission. A few suffice; older ones drop.
  std::array<std::pair<std::int64_t, std::int64_t>, 4> holes{};
  std::uint8_t hole_count = 0;
  std::uint64_t packets = 0;
  std::uint64_t wire_payload = 0;  // payload bytes on the wire, retransmissions included

  // Payload bytes by sequence space, each byte counted once (Zeek's *_bytes).
  [[nodiscard]] std::uint64_t payload_bytes() const {
    return data_seen && data_end > data_start ? static_cast<std::uint64_t>(data_end - data_start) : 0;
  }
  [[nodiscard]] bool finished() const { return state == TcpState::closed || state == TcpState::time_wait; }
};

}  // namespace tcplens
