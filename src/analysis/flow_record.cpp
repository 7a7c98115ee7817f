#include "tcplens/analysis/flow_record.hpp"

#include <algorithm>

namespace tcplens {

namespace {

std::string_view which(bool orig, bool resp) {
  if (orig && resp) return "both";
  if (orig) return "orig";
  if (resp) return "resp";
  return "null";
}

std::string_view handshake_kind(const Connection& c) {
  const Endpoint& o = c.orig();
  const Endpoint& r = c.resp();
  if (c.handshake_complete()) return "complete";
  if (c.midstream()) return "midstream";
  if (o.sent_syn && !r.sent_synack && r.sent_rst) return "refused";
  if (o.sent_syn && !r.sent_synack && r.packets == 0) return "syn_only";
  return "partial";
}

std::string_view close_kind(const Connection& c) {
  if (c.orig().sent_rst || c.resp().sent_rst) return "rst";
  if (c.orig().fin_seq || c.resp().fin_seq) return "fin";
  return "open";
}

std::string_view active_closer(const Connection& c) {
  if (c.simultaneous_close()) return "both";
  if (!c.first_fin_by()) return "null";
  return role_name(*c.first_fin_by());
}

}  // namespace

FlowRecord make_flow_record(const Connection& c) {
  FlowRecord f;
  const Endpoint& o = c.orig();
  const Endpoint& r = c.resp();
  f.stream = c.stream();
  f.ts = c.first_seen();
  f.orig_h = o.address;
  f.orig_p = o.port;
  f.resp_h = r.address;
  f.resp_p = r.port;
  f.duration = c.last_seen().seconds() - c.first_seen().seconds();
  f.orig_pkts = o.packets;
  f.resp_pkts = r.packets;
  f.orig_bytes = o.payload_bytes();
  f.resp_bytes = r.payload_bytes();
  f.history = c.history().text();
  f.conn_state = zeek_conn_state(o.zeek, r.zeek, f.orig_bytes, f.resp_bytes, f.history);
  f.handshake = handshake_kind(c);
  f.close = close_kind(c);
  f.active_closer = active_closer(c);
  f.time_wait = which(o.entered_time_wait, r.entered_time_wait);
  if (o.entered_time_wait) f.time_wait_start = o.time_wait_since;
  if (r.entered_time_wait && (!f.time_wait_start || r.time_wait_since.seconds() < f.time_wait_start->seconds())) {
    f.time_wait_start = r.time_wait_since;
  }
  f.reset_by = which(o.sent_rst, r.sent_rst);
  f.orig_state = o.state;
  f.resp_state = r.state;
  f.originator_inferred = c.originator_inferred();
  f.port_reuse = c.origin().port_reuse;
  f.retransmissions = o.retransmissions + r.retransmissions;
  f.out_of_order = o.out_of_order + r.out_of_order;
  f.dup_acks = o.dup_acks + r.dup_acks;
  f.zero_windows = o.zero_windows + r.zero_windows;
  f.rtt_handshake_ms = c.initial_rtt() >= 0 ? c.initial_rtt() * 1000.0 : -1;
  f.first_frame = c.first_frame();
  if (o.fin_frame && r.fin_frame) f.first_fin_frame = std::min(o.fin_frame, r.fin_frame);
  else f.first_fin_frame = std::max(o.fin_frame, r.fin_frame);
  f.rst_frame = c.rst_frame();
  const std::uint64_t ro = o.first_retransmission_frame;
  const std::uint64_t rr = r.first_retransmission_frame;
  f.first_retransmission_frame = ro && rr ? std::min(ro, rr) : std::max(ro, rr);
  return f;
}

}  // namespace tcplens
