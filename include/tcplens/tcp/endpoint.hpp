// One end of a connection: its address, its RFC 9293 state and what the
// capture has shown it send.
#pragma once
#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <utility>

#include "tcplens/core/ip_address.hpp"
#include "tcplens/core/timestamp.hpp"
#include "tcplens/tcp/segment_verdict.hpp"
#include "tcplens/tcp/sequence_space.hpp"
#include "tcplens/tcp/tcp_state.hpp"
#include "tcplens/tcp/zeek_state.hpp"

namespace tcplens {

struct Endpoint {
  // Fields are grouped by size (not by topic) so that the struct has no
  // padding holes: a table holds two endpoints per open connection.
  IpAddress address;
  std::uint16_t port = 0;
  TcpState state = TcpState::closed;
  ZeekState zeek = ZeekState::inactive;
  bool state_inferred = false;  // the current state was assumed, not shown by a packet
  bool sent_syn = false;        // a SYN without ACK
  bool sent_synack = false;
  bool syn_acked = false;  // a segment it received ACKed its SYN
  bool closed_after_last_ack = false;
  bool sent_rst = false;
  bool reached_established = false;  // got through its handshake at some point
  bool entered_time_wait = false;
  bool peer_sent_data_after_fin = false;  // data arrived after this endpoint closed
  bool data_seen = false;
  SequenceSpace seq;      // the numbers this endpoint sends
  std::uint32_t isn = 0;  // of the SYN or SYN-ACK it sent
  // Round-trip samples of its data (Karn's rule: never a retransmitted segment).
  std::uint32_t rtt_samples = 0;
  std::uint64_t syn_frame = 0;
  std::uint64_t fin_frame = 0;
  std::uint64_t fin_acked_frame = 0;    // the peer's ACK of that FIN
  std::optional<std::int64_t> fin_seq;  // relative number its FIN occupies
  Timestamp time_wait_since;
  std::int64_t data_start = 1;  // relative numbers of the payload seen
  std::int64_t data_end = 1;
  // Wireshark's verdicts on the segments this endpoint sent, by Verdict.
  std::array<std::uint32_t, static_cast<std::size_t>(Verdict::count_)> verdicts{};
  std::uint64_t first_retransmission_frame = 0;
  double rtt_min = 0, rtt_max = 0, rtt_sum = 0;
  std::int64_t highest_seq_sent = 0;  // relative, one past its last payload byte
  std::int64_t acked_by_peer = 0;     // the peer's highest ACK of its numbers
  std::uint64_t max_in_flight = 0;    // highest seq sent minus the peer's last ACK
  std::uint64_t packets = 0;
  std::uint64_t ip_bytes = 0;  // IP datagram lengths of its packets, headers included (Zeek's *_ip_bytes)

  // Zeek's *_bytes (TCP_Endpoint::Size): up to the highest number this
  // endpoint sent or its peer ACKed, less the numbers its SYN and FIN
  // take; data the peer ACKed but the capture missed counts. An endpoint
  // the capture never shows sending is 0 (Zeek keeps restarting its
  // numbers at each of the peer's ACKs).
  [[nodiscard]] std::uint64_t zeek_size() const {
    if (packets == 0) return 0;
    std::int64_t top = std::max<std::int64_t>({1, highest_seq_sent, acked_by_peer, data_seen ? data_end : 0});
    if (fin_seq) top = std::max(top, *fin_seq + 1);
    const std::int64_t size = top - 1 - (fin_seq ? 1 : 0);
    return size > 0 ? static_cast<std::uint64_t>(size) : 0;
  }
  [[nodiscard]] std::uint32_t count(Verdict v) const { return verdicts[static_cast<std::size_t>(v)]; }
  // Every kind of retransmission (fast and spurious ones carry the retransmission verdict too).
  [[nodiscard]] std::uint64_t retransmissions() const { return count(Verdict::retransmission); }
  [[nodiscard]] bool finished() const { return state == TcpState::closed || state == TcpState::time_wait; }
};

}  // namespace tcplens
