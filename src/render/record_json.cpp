#include "tcplens/render/record_json.hpp"

#include "tcplens/render/json_writer.hpp"
#include "tcplens/render/tcp_flags_text.hpp"

namespace tcplens {

namespace {

void nullable(JsonObject& o, std::string_view key, std::string_view value) {
  if (value == "null") o.null_field(key);
  else o.field(key, value);
}

double epoch(const Timestamp& ts) { return ts.seconds(); }

// The numbers behind the verdicts, null when they do not apply.
void render_verdict_details(JsonObject& o, const SegmentVerdicts& v) {
  const auto frame_or_null = [&](std::string_view key, std::uint64_t frame) {
    if (frame) o.field(key, frame);
    else o.null_field(key);
  };
  if (v.set.has(Verdict::duplicate_ack)) o.field("dup_ack_num", v.dup_ack_number);
  else o.null_field("dup_ack_num");
  frame_or_null("dup_ack_frame", v.set.has(Verdict::duplicate_ack) ? v.dup_ack_of_frame : 0);
  frame_or_null("first_sent_frame", v.first_sent_frame);
  frame_or_null("acks_frame", v.acked_frame);
  if (v.ack_rtt >= 0) o.field_fixed("ack_rtt_ms", v.ack_rtt * 1000.0, 3);
  else o.null_field("ack_rtt_ms");
}

// The HTTP messages this packet starts: {"dir","kind","number", method and target or status}.
void render_http_starts(JsonObject& o, const std::vector<HttpEvent>& events) {
  TextBuffer& list = o.raw_field("http");
  list.push_back('[');
  bool first = true;
  for (const auto& e : events) {
    if (e.kind != HttpEvent::Kind::start) continue;
    if (!first) list.push_back(',');
    first = false;
    JsonObject m(list);
    m.field("dir", role_name(e.side)).field("kind", e.message.request ? "request" : "response");
    m.field("number", e.message.number);
    if (e.message.request) m.field("method", e.message.method).field("target", e.message.target);
    else m.field("status", static_cast<std::uint64_t>(e.message.status));
  }
  list.push_back(']');
}

}  // namespace

void render_packet_json(TextBuffer& out, const PacketReport& r, const Timestamp& ts) {
  JsonObject o(out);
  o.field("type", "packet").field("frame", r.frame).field_fixed("ts", epoch(ts), ts.nano ? 9 : 6);
  o.field("stream", r.stream).field("dir", role_name(r.sender)).field("flags", tcp_flags_text(r.flags));
  o.field("seq", r.seq);
  if (r.has_ack) o.field("ack", r.ack);
  else o.null_field("ack");
  o.field("seq_abs", r.seq_abs);
  if (r.has_ack) o.field("ack_abs", r.ack_abs);
  else o.null_field("ack_abs");
  o.field("len", r.payload).field("orig_state", state_name(r.orig_state)).field("resp_state", state_name(r.resp_state));
  TextBuffer& list = o.raw_field("annotations");
  list.push_back('[');
  bool first = true;
  for (const auto& a : r.annotations) {
    if (!first) list.push_back(',');
    first = false;
    append_json_string(list, annotation_code_name(a.code));
  }
  for (std::size_t v = 0; v < static_cast<std::size_t>(Verdict::count_); ++v) {
    if (!r.verdicts.set.has(static_cast<Verdict>(v))) continue;
    if (!first) list.push_back(',');
    first = false;
    append_json_string(list, verdict_name(static_cast<Verdict>(v)));
  }
  list.push_back(']');
  render_verdict_details(o, r.verdicts);
  render_http_starts(o, r.http);
  TextBuffer& framed = o.raw_field("messages");
  framed.push_back('[');
  for (std::size_t i = 0; i < r.framed.size(); ++i) {
    if (i > 0) framed.push_back(',');
    JsonObject m(framed);
    m.field("dir", role_name(r.framed[i].side)).field("number", r.framed[i].number);
    m.field("length", r.framed[i].length).field("first_frame", r.framed[i].first_frame);
  }
  framed.push_back(']');
  TextBuffer& changes = o.raw_field("changes");
  changes.push_back('[');
  for (std::size_t i = 0; i < r.changes.size(); ++i) {
    if (i > 0) changes.push_back(',');
    JsonObject c(changes);
    c.field("endpoint", role_name(r.changes[i].who))
        .field("from", state_name(r.changes[i].from))
        .field("to", state_name(r.changes[i].to))
        .field("from_inferred", r.changes[i].from_inferred);
    if (r.changes[i].withdrawn != TcpState::closed) c.field("withdrawn", state_name(r.changes[i].withdrawn));
    else c.null_field("withdrawn");
  }
  changes.push_back(']');
}

void render_flow_json(TextBuffer& out, const FlowRecord& f) {
  JsonObject o(out);
  render_flow_fields(o, f);
}

void render_flow_fields(JsonObject& o, const FlowRecord& f) {
  o.field("type", "flow").field("stream", f.stream).field_fixed("ts", epoch(f.ts), f.ts.nano ? 9 : 6);
  o.field("id.orig_h", f.orig_h.text().view()).field("id.orig_p", f.orig_p);
  o.field("id.resp_h", f.resp_h.text().view()).field("id.resp_p", f.resp_p);
  o.field_fixed("duration", f.duration, 6);
  o.field("orig_pkts", f.orig_pkts).field("resp_pkts", f.resp_pkts);
  o.field("orig_bytes", f.orig_bytes).field("resp_bytes", f.resp_bytes);
  o.field("conn_state", f.conn_state).field("history", f.history);
  o.field("handshake", f.handshake).field("vantage", f.vantage).field("over_mss", f.over_mss);
  o.field("capture_host", f.capture_host).field("capture_host_by", f.capture_host_by).field("close", f.close);
  nullable(o, "active_closer", f.active_closer);
  nullable(o, "time_wait", f.time_wait);
  nullable(o, "reset_by", f.reset_by);
  o.field("orig_state", state_name(f.orig_state)).field("resp_state", state_name(f.resp_state));
  o.field("originator_inferred", f.originator_inferred).field("port_reuse", f.port_reuse);
  for (const auto& c : kCounterFields) o.field(c.name, f.*c.member);
  for (const auto& m : kMeasureFields) {
    if (f.*m.member >= 0) o.field_fixed(m.name, f.*m.member, m.decimals);
    else o.null_field(m.name);
  }
  if (f.max_idle_frame) o.field("max_idle_frame", f.max_idle_frame);
  else o.null_field("max_idle_frame");
  o.field("http_statuses", f.http_statuses);
  // Only for connections that travelled in VLANs or tunnels.
  if (!f.encap.empty()) {
    TextBuffer& list = o.raw_field("encap");
    list.push_back('[');
    for (std::size_t i = 0; i < f.encap.size(); ++i) {
      if (i != 0) list.push_back(',');
      append_json_string(list, f.encap[i]);
    }
    list.push_back(']');
  }
  if (f.time_wait_start) o.field_fixed("time_wait_start", epoch(*f.time_wait_start), f.ts.nano ? 9 : 6);
  else o.null_field("time_wait_start");
}

}  // namespace tcplens
