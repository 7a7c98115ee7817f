// The flow record of a UDP flow: Zeek's conn.log fields (conn_state SF, S0,
// SHR or OTH by which sides sent; history '^', 'D', 'd'; payload and IP
// bytes per side); the TCP-only fields stay unset.
#pragma once
#include "tcplens/analysis/flow_record.hpp"
#include "tcplens/flow/udp_flows.hpp"

namespace tcplens {

FlowRecord make_udp_flow_record(const UdpFlow& flow);

// Zeek's conn_state() for UDP: SF both sides sent, S0 only the originator,
// SHR only the responder, OTH neither.
std::string_view udp_conn_state(bool orig_sent, bool resp_sent);

}  // namespace tcplens
