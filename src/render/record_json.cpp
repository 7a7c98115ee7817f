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
  for (std::size_t i = 0; i < r.annotations.size(); ++i) {
    if (i > 0) list.push_back(',');
    append_json_string(list, annotation_code_name(r.annotations[i].code));
  }
  list.push_back(']');
  TextBuffer& changes = o.raw_field("changes");
  changes.push_back('[');
  for (std::size_t i = 0; i < r.changes.size(); ++i) {
    if (i > 0) changes.push_back(',');
    JsonObject c(changes);
    c.field("endpoint", role_name(r.changes[i].who))
        .field("from", state_name(r.changes[i].from))
        .field("to", state_name(r.changes[i].to))
        .field("from_inferred", r.changes[i].from_inferred);
  }
  changes.push_back(']');
}

void render_flow_json(TextBuffer& out, const FlowRecord& f) {
  JsonObject o(out);
  render_flow_fields(o, f);
}

void render_flow_fields(JsonObject& o, const FlowRecord& f) {
  o.field("type", "flow").field("stream", f.stream).field_fixed("ts", epoch(f.ts), f.ts.nano ? 9 : 6);
  o.field("id.orig_h", f.orig_h.to_string()).field("id.orig_p", f.orig_p);
  o.field("id.resp_h", f.resp_h.to_string()).field("id.resp_p", f.resp_p);
  o.field_fixed("duration", f.duration, 6);
  o.field("orig_pkts", f.orig_pkts).field("resp_pkts", f.resp_pkts);
  o.field("orig_bytes", f.orig_bytes).field("resp_bytes", f.resp_bytes);
  o.field("conn_state", f.conn_state).field("history", f.history);
  o.field("handshake", f.handshake).field("close", f.close);
  nullable(o, "active_closer", f.active_closer);
  nullable(o, "time_wait", f.time_wait);
  nullable(o, "reset_by", f.reset_by);
  o.field("orig_state", state_name(f.orig_state)).field("resp_state", state_name(f.resp_state));
  o.field("originator_inferred", f.originator_inferred).field("port_reuse", f.port_reuse);
  o.field("retransmissions", f.retransmissions).field("out_of_order", f.out_of_order).field("dup_acks", f.dup_acks);
  o.field("zero_windows", f.zero_windows);
  if (f.rtt_handshake_ms >= 0) o.field_fixed("rtt_handshake_ms", f.rtt_handshake_ms, 3);
  else o.null_field("rtt_handshake_ms");
  if (f.time_wait_start) o.field_fixed("time_wait_start", epoch(*f.time_wait_start), f.ts.nano ? 9 : 6);
  else o.null_field("time_wait_start");
}

}  // namespace tcplens
