// The summary of one connection, with Zeek's conn.log names and meanings
// where Zeek has a field, and tcplens' own for handshake and teardown.
// The schema is documented in docs/json-schema.md.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

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
  double duration = 0;
  std::uint64_t orig_pkts = 0;
  std::uint64_t resp_pkts = 0;
  std::uint64_t orig_bytes = 0;
  std::uint64_t resp_bytes = 0;
  std::string conn_state;
  std::string history;
  std::string_view handshake;      // complete, syn_only, refused, partial, midstream
  std::string_view close;          // fin, rst, open
  std::string_view active_closer;  // orig, resp, both, null
  std::string_view time_wait;      // orig, resp, both, null
  std::optional<Timestamp> time_wait_start;  // when the (first) endpoint entered TIME_WAIT
  std::string_view reset_by;       // orig, resp, both, null
  TcpState orig_state = TcpState::closed;
  TcpState resp_state = TcpState::closed;
  bool originator_inferred = false;
  bool port_reuse = false;
  std::uint64_t retransmissions = 0;  // both directions
  std::uint64_t out_of_order = 0;
  std::uint64_t dup_acks = 0;
  std::uint64_t zero_windows = 0;
  double rtt_handshake_ms = -1;  // <0: handshake not seen
  // Frames that explain the record (for `tcplens check` messages); 0: none.
  std::uint64_t first_frame = 0;
  std::uint64_t first_fin_frame = 0;
  std::uint64_t rst_frame = 0;
  std::uint64_t first_retransmission_frame = 0;
};

FlowRecord make_flow_record(const Connection& c);

}  // namespace tcplens
