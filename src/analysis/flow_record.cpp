#include "tcplens/analysis/flow_record.hpp"

#include <algorithm>

#include "tcplens/analysis/application.hpp"
#include "tcplens/analysis/connection_uid.hpp"
#include "tcplens/analysis/local_networks.hpp"

namespace tcplens {

namespace {

std::string_view which(bool orig, bool resp) {
  if (orig && resp) return "both";
  if (orig) return "orig";
  if (resp) return "resp";
  return "null";
}

std::string_view over_mss_text(std::uint8_t bits) {
  static constexpr std::string_view kNames[] = {"none", "orig", "resp", "both"};
  return kNames[bits & 3u];
}

std::string_view vantage(const Connection& c) {
  switch (c.directions_seen()) {
    case 1:
      return "orig_only";
    case 2:
      return "resp_only";
    default:
      return "both";
  }
}

std::string_view handshake_kind(const Connection& c) {
  const Endpoint& o = c.orig();
  const Endpoint& r = c.resp();
  if (c.midstream()) return "midstream";
  // One direction cannot show a handshake complete: its other half is missing.
  if (c.directions_seen() != 3 && !(o.sent_syn && r.packets == 0)) return "one_way";
  if (c.handshake_complete()) return "complete";
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

namespace {

void add_verdict_counts(FlowRecord& f, const Endpoint& o, const Endpoint& r) {
  const auto both = [&](Verdict v) { return std::uint64_t{o.count(v)} + r.count(v); };
  f.retransmissions = o.retransmissions() + r.retransmissions();
  f.fast_retransmissions = both(Verdict::fast_retransmission);
  f.spurious_retransmissions = both(Verdict::spurious_retransmission);
  f.out_of_order = both(Verdict::out_of_order);
  f.lost_segments = both(Verdict::lost_segment);
  f.ack_lost_segments = both(Verdict::ack_lost_segment);
  f.dup_acks = both(Verdict::duplicate_ack);
  f.zero_windows = both(Verdict::zero_window);
  f.zero_window_probes = both(Verdict::zero_window_probe);
  f.window_full = both(Verdict::window_full);
  f.window_updates = both(Verdict::window_update);
  f.keep_alives = both(Verdict::keep_alive);
  f.orig_max_in_flight = o.max_in_flight;
  f.resp_max_in_flight = r.max_in_flight;
}

double ms(double seconds) { return seconds >= 0 ? seconds * 1000.0 : -1; }

void add_measurements(FlowRecord& f, const Connection& c) {
  const Endpoint& o = c.orig();
  const Endpoint& r = c.resp();
  f.rtt_handshake_ms = ms(c.initial_rtt());
  f.rtt_syn_synack_ms = ms(c.syn_to_synack());
  f.rtt_synack_ack_ms = ms(c.synack_to_ack());
  f.rtt_samples = o.rtt_samples + r.rtt_samples;
  if (f.rtt_samples > 0) {
    double lo = 1e300, hi = 0;
    for (const Endpoint* e : {&o, &r}) {
      if (e->rtt_samples == 0) continue;
      lo = std::min(lo, e->rtt_min);
      hi = std::max(hi, e->rtt_max);
    }
    f.rtt_min_ms = ms(lo);
    f.rtt_max_ms = ms(hi);
    f.rtt_avg_ms = ms((o.rtt_sum + r.rtt_sum) / static_cast<double>(f.rtt_samples));
  }
  if (o.rtt_samples > 0) f.orig_rtt_avg_ms = ms(o.rtt_sum / o.rtt_samples);
  if (r.rtt_samples > 0) f.resp_rtt_avg_ms = ms(r.rtt_sum / r.rtt_samples);
  if (f.duration > 0) {
    f.orig_throughput_bps = static_cast<double>(f.orig_bytes) * 8.0 / f.duration;
    f.resp_throughput_bps = static_cast<double>(f.resp_bytes) * 8.0 / f.duration;
  }
  if (c.max_idle() >= 0) {
    f.max_idle_s = c.max_idle();
    f.max_idle_frame = c.max_idle_frame();
  }
  f.missed_bytes = c.missed_bytes();
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
  f.duration = c.last_open_seconds() - c.first_seen().seconds();
  f.last_ts = c.last_seen();
  f.orig_pkts = o.packets;
  f.resp_pkts = r.packets;
  f.orig_bytes = o.zeek_size();
  f.resp_bytes = r.zeek_size();
  f.history = c.history().text();
  f.conn_state = zeek_conn_state(o.zeek, r.zeek, f.orig_bytes, f.resp_bytes, f.history);
  f.handshake = handshake_kind(c);
  f.vantage = vantage(c);
  f.over_mss = over_mss_text(c.over_mss());
  const CaptureHostVerdict host = c.capture_host();
  f.capture_host = capture_host_name(host.host);
  f.capture_host_by = capture_host_evidence_name(host.evidence);
  if (c.carriers() != nullptr)
    for (const EncapLayer& l : *c.carriers()) f.encap.push_back(encap_layer_text(l));
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
  add_verdict_counts(f, o, r);
  const Connection::LossCounts losses = c.losses();
  f.lost_before_capture = losses.before_capture;
  f.lost_after_capture = losses.after_capture;
  f.not_captured = losses.not_captured;
  add_measurements(f, c);
  f.first_frame = c.first_frame();
  if (o.fin_frame && r.fin_frame)
    f.first_fin_frame = std::min(o.fin_frame, r.fin_frame);
  else
    f.first_fin_frame = std::max(o.fin_frame, r.fin_frame);
  f.rst_frame = c.rst_frame();
  const std::uint64_t ro = o.first_retransmission_frame;
  const std::uint64_t rr = r.first_retransmission_frame;
  f.first_retransmission_frame = ro && rr ? std::min(ro, rr) : std::max(ro, rr);
  f.uid = connection_uid({f.orig_h, f.orig_p, f.resp_h, f.resp_p, f.ip_proto, f.ts, f.first_frame});
  f.orig_ip_bytes = o.ip_bytes;
  f.resp_ip_bytes = r.ip_bytes;
  f.local_orig = in_private_address_space(f.orig_h);
  f.local_resp = in_private_address_space(f.resp_h);
  summarize_application(c, f);
  return f;
}

}  // namespace tcplens
