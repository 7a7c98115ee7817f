// The summary of one connection, with Zeek's conn.log names and meanings
// where Zeek has a field, and tcplens' own for handshake and teardown.
// The schema is documented in docs/json-schema.md.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tcplens/core/ip_address.hpp"
#include "tcplens/core/timestamp.hpp"
#include "tcplens/tcp/connection.hpp"

namespace tcplens {

struct FlowRecord {
  std::uint64_t stream = 0;
  Timestamp ts;
  IpAddress orig_h;
  std::uint16_t orig_p = 0;
  IpAddress resp_h;
  std::uint16_t resp_p = 0;
  // Zeek's duration: to the last packet sent before both ends had closed
  // (a FIN or RST each); last_ts is the last packet of all.
  double duration = 0;
  Timestamp last_ts;
  std::uint64_t orig_pkts = 0;
  std::uint64_t resp_pkts = 0;
  std::uint64_t orig_bytes = 0;
  std::uint64_t resp_bytes = 0;
  std::string conn_state;
  std::string history;
  std::string_view handshake;        // complete, syn_only, refused, partial, midstream, one_way
  std::string_view vantage;          // both, orig_only, resp_only: the directions the capture has
  std::string_view over_mss;         // none, orig, resp, both: who sent segments over the peer's MSS (TSO/GSO/GRO)
  std::string_view capture_host;     // unknown, orig, resp, both: whose host the capture was taken on
  std::string_view capture_host_by;  // none, checksum_offload, gro: what told it
  std::string_view close;            // fin, rst, open
  std::string_view active_closer;    // orig, resp, both, null
  std::string_view time_wait;        // orig, resp, both, null
  std::optional<Timestamp> time_wait_start;  // when the (first) endpoint entered TIME_WAIT
  std::string_view reset_by;                 // orig, resp, both, null
  TcpState orig_state = TcpState::closed;
  TcpState resp_state = TcpState::closed;
  bool originator_inferred = false;
  bool port_reuse = false;
  // Wireshark's verdicts, both directions (retransmissions counts all three kinds).
  std::uint64_t retransmissions = 0;
  std::uint64_t fast_retransmissions = 0;
  std::uint64_t spurious_retransmissions = 0;
  std::uint64_t out_of_order = 0;
  std::uint64_t lost_segments = 0;
  std::uint64_t ack_lost_segments = 0;
  // Where missing segments went missing (tcp/loss_locator): never reached
  // the capture point, passed it and were lost (or their ACKs), or arrived
  // and were missed by the capture.
  std::uint64_t lost_before_capture = 0;
  std::uint64_t lost_after_capture = 0;
  std::uint64_t not_captured = 0;
  std::uint64_t dup_acks = 0;
  std::uint64_t zero_windows = 0;
  std::uint64_t zero_window_probes = 0;
  std::uint64_t window_full = 0;
  std::uint64_t window_updates = 0;
  std::uint64_t keep_alives = 0;
  std::uint64_t missed_bytes = 0;  // Zeek's: bytes in gaps the capture never filled
  std::uint64_t orig_max_in_flight = 0;
  std::uint64_t resp_max_in_flight = 0;
  std::uint64_t rtt_samples = 0;
  std::uint64_t http_requests = 0;  // HTTP/1.x requests seen (0: not HTTP)
  std::uint64_t http_responses = 0;
  // Measurements; <0: not measured (null in JSON).
  double rtt_handshake_ms = -1;   // Wireshark's iRTT: SYN to the handshake's ACK
  double rtt_syn_synack_ms = -1;  // SYN to SYN-ACK: capture point <-> server
  double rtt_synack_ack_ms = -1;  // SYN-ACK to ACK: capture point <-> client
  double rtt_min_ms = -1;         // per-ACK samples (Karn's rule), both directions
  double rtt_avg_ms = -1;
  double rtt_max_ms = -1;
  double orig_rtt_avg_ms = -1;      // samples of the client's data
  double resp_rtt_avg_ms = -1;      // samples of the server's data
  double orig_throughput_bps = -1;  // payload bits per second over the connection's duration
  double resp_throughput_bps = -1;
  double max_idle_s = -1;            // longest silence between two packets
  std::uint64_t max_idle_frame = 0;  // the packet that ended it
  std::string http_statuses;         // "200,200,404", in order
  std::vector<std::string> encap;    // "vlan 10", "vxlan vni 11": what carried it, outermost first
  // Frames that explain the record (for `tcplens check` messages); 0: none.
  std::uint64_t first_frame = 0;
  std::uint64_t first_fin_frame = 0;
  std::uint64_t rst_frame = 0;
  std::uint64_t first_retransmission_frame = 0;
  // Zeek conn.log's own fields.
  std::string uid;  // "C" + base62, a hash of the connection's key, first time and frame
  std::string_view proto = "tcp";
  std::string service;              // "http", "ssl,http": found by content (analysis/service_probe)
  std::uint64_t orig_ip_bytes = 0;  // IP datagram lengths, headers included
  std::uint64_t resp_ip_bytes = 0;
  bool local_orig = false;  // in the local networks (Zeek's default: private address space)
  bool local_resp = false;
  std::uint8_t ip_proto = 6;
  // Application analyzers' fields.
  std::uint64_t websocket_frames = 0;                 // both directions
  std::optional<std::uint16_t> websocket_close_code;  // the first close frame's status code
};

FlowRecord make_flow_record(const Connection& c);

}  // namespace tcplens
