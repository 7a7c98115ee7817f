#include "tcplens/render/record_json.hpp"

#include <fmt/format.h>

#include "tcplens/analysis/flow_schema.hpp"
#include "tcplens/render/field_json.hpp"
#include "tcplens/render/json_writer.hpp"
#include "tcplens/render/tcp_flags_text.hpp"

namespace tcplens {

namespace {

double epoch(const Timestamp& ts) { return ts.seconds(); }

// The numbers behind the verdicts, null when they do not apply.
void render_verdict_details(JsonObject& o, const SegmentVerdicts& v) {
  const auto frame_or_null = [&](std::string_view key, std::uint64_t frame) {
    if (frame)
      o.field(key, frame);
    else
      o.null_field(key);
  };
  if (v.set.has(Verdict::duplicate_ack))
    o.field("dup_ack_num", v.dup_ack_number);
  else
    o.null_field("dup_ack_num");
  frame_or_null("dup_ack_frame", v.set.has(Verdict::duplicate_ack) ? v.dup_ack_of_frame : 0);
  frame_or_null("first_sent_frame", v.first_sent_frame);
  frame_or_null("acks_frame", v.acked_frame);
  if (v.ack_rtt >= 0)
    o.field_fixed("ack_rtt_ms", v.ack_rtt * 1000.0, 3);
  else
    o.null_field("ack_rtt_ms");
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
    if (e.message.request)
      m.field("method", e.message.method).field("target", e.message.target);
    else
      m.field("status", static_cast<std::uint64_t>(e.message.status));
  }
  list.push_back(']');
}

// The WebSocket frames this packet completes:
// {"dir","opcode","fin","masked","payload_length","close_code"}.
void render_websocket_frames(JsonObject& o, const std::vector<WebSocketFrame>& frames) {
  TextBuffer& list = o.raw_field("websocket");
  list.push_back('[');
  for (std::size_t i = 0; i < frames.size(); ++i) {
    if (i > 0) list.push_back(',');
    const WebSocketFrame& f = frames[i];
    JsonObject m(list);
    m.field("dir", role_name(f.side));
    if (const std::string_view name = websocket_opcode_name(f.opcode); !name.empty())
      m.field("opcode", name);
    else
      m.field("opcode", fmt::format("0x{:X}", f.opcode));
    m.field("fin", f.fin).field("masked", f.masked).field("payload_length", f.payload_length);
    if (f.close_code)
      m.field("close_code", static_cast<std::uint64_t>(*f.close_code));
    else
      m.null_field("close_code");
  }
  list.push_back(']');
}

}  // namespace

void render_packet_json(TextBuffer& out, const PacketReport& r, const Timestamp& ts) {
  JsonObject o(out);
  o.field("type", "packet").field("frame", r.frame).field_fixed("ts", epoch(ts), ts.nano ? 9 : 6);
  o.field("stream", r.stream).field("dir", role_name(r.sender)).field("flags", tcp_flags_text(r.flags));
  o.field("seq", r.seq);
  if (r.has_ack)
    o.field("ack", r.ack);
  else
    o.null_field("ack");
  o.field("seq_abs", r.seq_abs);
  if (r.has_ack)
    o.field("ack_abs", r.ack_abs);
  else
    o.null_field("ack_abs");
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
  render_http_starts(o, r.app.http);
  TextBuffer& framed = o.raw_field("messages");
  framed.push_back('[');
  for (std::size_t i = 0; i < r.app.framed.size(); ++i) {
    if (i > 0) framed.push_back(',');
    JsonObject m(framed);
    m.field("dir", role_name(r.app.framed[i].side)).field("number", r.app.framed[i].number);
    m.field("length", r.app.framed[i].length).field("first_frame", r.app.framed[i].first_frame);
  }
  framed.push_back(']');
  render_websocket_frames(o, r.app.websocket);
  TextBuffer& changes = o.raw_field("changes");
  changes.push_back('[');
  for (std::size_t i = 0; i < r.changes.size(); ++i) {
    if (i > 0) changes.push_back(',');
    JsonObject c(changes);
    c.field("endpoint", role_name(r.changes[i].who))
        .field("from", state_name(r.changes[i].from))
        .field("to", state_name(r.changes[i].to))
        .field("from_inferred", r.changes[i].from_inferred);
    if (r.changes[i].withdrawn != TcpState::closed)
      c.field("withdrawn", state_name(r.changes[i].withdrawn));
    else
      c.null_field("withdrawn");
  }
  changes.push_back(']');
}

void render_flow_json(TextBuffer& out, const FlowRecord& f) {
  JsonObject o(out);
  render_flow_fields(o, f);
}

void render_flow_fields(JsonObject& o, const FlowRecord& f) {
  o.field("type", "flow");
  for (const FlowField& field : flow_schema()) {
    const FieldValue v = field.get(f);
    if (!v.present) {
      if (!field.json_omit_absent) o.null_field(field.name);
      continue;
    }
    write_json_field(o, field.name, field.type, v, JsonSeconds::fixed);
  }
}

}  // namespace tcplens
