#include "tcplens/analysis/flow_schema.hpp"

#include <fmt/format.h>

#include <array>

#include "tcplens/tcp/tcp_state.hpp"

namespace tcplens {

namespace {

FieldValue count(std::uint64_t n) {
  FieldValue v;
  v.count = n;
  return v;
}

FieldValue real(double x, int decimals) {
  if (x < 0) return FieldValue::none();
  FieldValue v;
  v.real = x;
  v.decimals = static_cast<std::uint8_t>(decimals);
  return v;
}

FieldValue text(std::string_view s) {
  FieldValue v;
  v.text = s;
  return v;
}

// A word of a TCP-only field: unset for UDP flows (empty).
FieldValue word(std::string_view s) { return s.empty() ? FieldValue::none() : text(s); }

// orig/resp/both words, "null" when nobody (unset for UDP flows).
FieldValue side(std::string_view s) { return s == "null" || s.empty() ? FieldValue::none() : text(s); }

FieldValue boolean(bool b) {
  FieldValue v;
  v.boolean = b;
  return v;
}

FieldValue time(const Timestamp& ts, bool nano) {
  FieldValue v;
  v.time = ts;
  v.decimals = nano ? 9 : 6;
  return v;
}

FieldValue address(const IpAddress& a) {
  FieldValue v;
  v.address = a;
  return v;
}

FieldValue nonzero_frame(std::uint64_t frame) { return frame ? count(frame) : FieldValue::none(); }

FieldValue set_of(const std::vector<std::string>& items) {
  if (items.empty()) return FieldValue::none();
  FieldValue v;
  v.set = &items;
  return v;
}

constexpr std::string_view kSides = "orig resp both null";
constexpr std::string_view kTcpStates =
    "CLOSED LISTEN SYN_SENT SYN_RECEIVED ESTABLISHED FIN_WAIT_1 FIN_WAIT_2 CLOSE_WAIT CLOSING LAST_ACK TIME_WAIT";

#define TL_COUNTER(name, description)                                                       \
  FlowField {                                                                               \
#name, FieldType::count, [](const FlowRecord& f) { return count(f.name); }, description \
  }
#define TL_MEASURE(name, decimals, description)                                                     \
  FlowField {                                                                                       \
#name, FieldType::real, [](const FlowRecord& f) { return real(f.name, decimals); }, description \
  }

const std::array kFields{
    FlowField{"stream", FieldType::count, [](const FlowRecord& f) { return count(f.stream); },
              "connection number in order of first packet (tshark's tcp.stream)"},
    FlowField{"ts", FieldType::time, [](const FlowRecord& f) { return time(f.ts, f.ts.nano); },
              "time of the first packet"},
    FlowField{"id.orig_h", FieldType::address, [](const FlowRecord& f) { return address(f.orig_h); },
              "originator's (client's) address"},
    FlowField{"id.orig_p", FieldType::port, [](const FlowRecord& f) { return count(f.orig_p); }, "originator's port"},
    FlowField{"id.resp_h", FieldType::address, [](const FlowRecord& f) { return address(f.resp_h); },
              "responder's (server's) address"},
    FlowField{"id.resp_p", FieldType::port, [](const FlowRecord& f) { return count(f.resp_p); }, "responder's port"},
    FlowField{"duration", FieldType::interval, [](const FlowRecord& f) { return real(f.duration, 6); },
              "Zeek's: first packet to the last one sent before both ends had closed (FIN or RST), seconds"},
    FlowField{"orig_pkts", FieldType::count, [](const FlowRecord& f) { return count(f.orig_pkts); },
              "packets the originator sent"},
    FlowField{"resp_pkts", FieldType::count, [](const FlowRecord& f) { return count(f.resp_pkts); },
              "packets the responder sent"},
    FlowField{"orig_bytes", FieldType::count, [](const FlowRecord& f) { return count(f.orig_bytes); },
              "payload bytes by sequence space, each counted once, gaps included (Zeek's)"},
    FlowField{"resp_bytes", FieldType::count, [](const FlowRecord& f) { return count(f.resp_bytes); },
              "the same for the responder"},
    FlowField{"conn_state", FieldType::word, [](const FlowRecord& f) { return text(f.conn_state); },
              "Zeek's connection state", "S0 S1 SF REJ S2 S3 RSTO RSTR RSTOS0 RSTRH SH SHR OTH"},
    FlowField{"history", FieldType::text, [](const FlowRecord& f) { return text(f.history); },
              "Zeek's history letters (upper case: originator)"},
    FlowField{"handshake", FieldType::word, [](const FlowRecord& f) { return word(f.handshake); },
              "how the connection opened", "complete syn_only refused partial midstream one_way"},
    FlowField{"vantage", FieldType::word, [](const FlowRecord& f) { return word(f.vantage); },
              "the directions the capture has", "both orig_only resp_only"},
    FlowField{"over_mss", FieldType::word, [](const FlowRecord& f) { return word(f.over_mss); },
              "who sent segments over the peer's MSS (TSO/GSO/GRO at the capture host)", "none orig resp both"},
    FlowField{"capture_host", FieldType::word, [](const FlowRecord& f) { return word(f.capture_host); },
              "whose host the capture was taken on", "unknown orig resp both"},
    FlowField{"capture_host_by", FieldType::word, [](const FlowRecord& f) { return word(f.capture_host_by); },
              "what told which host: checksums left to the NIC, or segments merged by GRO",
              "none checksum_offload gro"},
    FlowField{"close", FieldType::word, [](const FlowRecord& f) { return word(f.close); }, "how it ended",
              "fin rst open"},
    FlowField{"active_closer", FieldType::word, [](const FlowRecord& f) { return side(f.active_closer); },
              "who sent the first FIN (both: simultaneous close)", kSides},
    FlowField{"time_wait", FieldType::word, [](const FlowRecord& f) { return side(f.time_wait); },
              "which endpoints entered TIME_WAIT", kSides},
    FlowField{"reset_by", FieldType::word, [](const FlowRecord& f) { return side(f.reset_by); }, "who sent a RST",
              kSides},
    FlowField{
        "orig_state", FieldType::word,
        [](const FlowRecord& f) { return f.proto == "tcp" ? text(state_name(f.orig_state)) : FieldValue::none(); },
        "the originator's RFC 9293 state at the end", kTcpStates},
    FlowField{
        "resp_state", FieldType::word,
        [](const FlowRecord& f) { return f.proto == "tcp" ? text(state_name(f.resp_state)) : FieldValue::none(); },
        "the responder's RFC 9293 state at the end", kTcpStates},
    FlowField{"originator_inferred", FieldType::boolean,
              [](const FlowRecord& f) { return boolean(f.originator_inferred); },
              "no SYN was seen: the originator was guessed"},
    FlowField{"port_reuse", FieldType::boolean, [](const FlowRecord& f) { return boolean(f.port_reuse); },
              "a new connection on the 4-tuple of an earlier one"},
    TL_COUNTER(retransmissions, "Wireshark's retransmissions, all kinds, both directions"),
    TL_COUNTER(fast_retransmissions, "Wireshark's fast retransmissions"),
    TL_COUNTER(spurious_retransmissions, "Wireshark's spurious retransmissions"),
    TL_COUNTER(out_of_order, "Wireshark's out-of-order segments"),
    TL_COUNTER(lost_segments, "Wireshark's previous segment not captured"),
    TL_COUNTER(ack_lost_segments, "Wireshark's ACKed segment that was not captured"),
    TL_COUNTER(lost_before_capture, "segments that went missing before the capture point"),
    TL_COUNTER(lost_after_capture, "segments lost after the capture point (or their ACKs)"),
    TL_COUNTER(not_captured, "segments that arrived but the capture missed"),
    TL_COUNTER(dup_acks, "Wireshark's duplicate ACKs"),
    TL_COUNTER(zero_windows, "Wireshark's zero windows"),
    TL_COUNTER(zero_window_probes, "Wireshark's zero-window probes"),
    TL_COUNTER(window_full, "Wireshark's window full"),
    TL_COUNTER(window_updates, "Wireshark's window updates"),
    TL_COUNTER(keep_alives, "Wireshark's keep-alives"),
    TL_COUNTER(missed_bytes, "Zeek's: bytes in gaps the capture never filled"),
    TL_COUNTER(orig_max_in_flight, "the originator's most bytes sent and not yet ACKed"),
    TL_COUNTER(resp_max_in_flight, "the responder's most bytes sent and not yet ACKed"),
    TL_COUNTER(rtt_samples, "round-trip samples (Karn's rule), both directions"),
    TL_COUNTER(http_requests, "HTTP/1.x requests seen (0: not HTTP)"),
    TL_COUNTER(http_responses, "HTTP/1.x responses seen"),
    TL_MEASURE(rtt_handshake_ms, 3, "Wireshark's iRTT: SYN to the handshake's ACK"),
    TL_MEASURE(rtt_syn_synack_ms, 3, "SYN to SYN-ACK: capture point <-> server"),
    TL_MEASURE(rtt_synack_ack_ms, 3, "SYN-ACK to ACK: capture point <-> client"),
    TL_MEASURE(rtt_min_ms, 3, "smallest per-ACK round trip"),
    TL_MEASURE(rtt_avg_ms, 3, "mean per-ACK round trip"),
    TL_MEASURE(rtt_max_ms, 3, "largest per-ACK round trip"),
    TL_MEASURE(orig_rtt_avg_ms, 3, "mean round trip of the originator's data"),
    TL_MEASURE(resp_rtt_avg_ms, 3, "mean round trip of the responder's data"),
    TL_MEASURE(orig_throughput_bps, 0, "originator's payload bits per second over the duration"),
    TL_MEASURE(resp_throughput_bps, 0, "responder's payload bits per second over the duration"),
    TL_MEASURE(max_idle_s, 6, "longest silence between two packets, seconds"),
    FlowField{"max_idle_frame", FieldType::count, [](const FlowRecord& f) { return nonzero_frame(f.max_idle_frame); },
              "the packet that ended the longest silence"},
    FlowField{"http_statuses", FieldType::text, [](const FlowRecord& f) { return text(f.http_statuses); },
              "HTTP status codes in order, comma separated"},
    FlowField{"encap",
              FieldType::text_set,
              [](const FlowRecord& f) { return set_of(f.encap); },
              "what carried it, outermost first (VLANs, tunnels)",
              {},
              true},
    FlowField{"time_wait_start", FieldType::time,
              [](const FlowRecord& f) {
                return f.time_wait_start ? time(*f.time_wait_start, f.ts.nano) : FieldValue::none();
              },
              "when the first endpoint entered TIME_WAIT"},
    FlowField{"last_ts", FieldType::time, [](const FlowRecord& f) { return time(f.last_ts, f.ts.nano); },
              "time of the last packet (the close's final ACK and any later packet included)"},
    FlowField{"uid", FieldType::text, [](const FlowRecord& f) { return text(f.uid); },
              "Zeek-style connection id, the same for the same input"},
    FlowField{"proto", FieldType::enumeration, [](const FlowRecord& f) { return text(f.proto); }, "transport protocol",
              "tcp udp"},
    FlowField{"service", FieldType::text,
              [](const FlowRecord& f) { return f.service.empty() ? FieldValue::none() : text(f.service); },
              "application protocols found by content, comma separated (Zeek's names)"},
    FlowField{"orig_ip_bytes", FieldType::count, [](const FlowRecord& f) { return count(f.orig_ip_bytes); },
              "IP bytes the originator sent, headers included (Zeek's)"},
    FlowField{"resp_ip_bytes", FieldType::count, [](const FlowRecord& f) { return count(f.resp_ip_bytes); },
              "IP bytes the responder sent"},
    FlowField{"local_orig", FieldType::boolean, [](const FlowRecord& f) { return boolean(f.local_orig); },
              "the originator's address is local (Zeek's default: private address space)"},
    FlowField{"local_resp", FieldType::boolean, [](const FlowRecord& f) { return boolean(f.local_resp); },
              "the responder's address is local"},
    FlowField{"ip_proto", FieldType::count, [](const FlowRecord& f) { return count(f.ip_proto); },
              "IP protocol number"},
    TL_COUNTER(websocket_frames, "WebSocket frames, both directions (after HTTP's 101)"),
    FlowField{"websocket_close_code", FieldType::count,
              [](const FlowRecord& f) {
                return f.websocket_close_code ? count(*f.websocket_close_code) : FieldValue::none();
              },
              "status code of the first WebSocket close frame that carried one"},
};

#undef TL_COUNTER
#undef TL_MEASURE

}  // namespace

std::string_view zeek_type_name(FieldType type) {
  switch (type) {
    case FieldType::count:
      return "count";
    case FieldType::real:
      return "double";
    case FieldType::text:
    case FieldType::word:
      return "string";
    case FieldType::boolean:
      return "bool";
    case FieldType::time:
      return "time";
    case FieldType::interval:
      return "interval";
    case FieldType::address:
      return "addr";
    case FieldType::port:
      return "port";
    case FieldType::enumeration:
      return "enum";
    case FieldType::text_set:
      return "set[string]";
  }
  return "string";
}

std::span<const FlowField> flow_schema() { return kFields; }

const FlowField* find_flow_field(std::string_view name) {
  for (const FlowField& f : kFields) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

std::string field_text(const FlowField& field, const FlowRecord& record) {
  const FieldValue v = field.get(record);
  return v.present ? value_text(field.type, v) : "null";
}

std::string value_text(FieldType type, const FieldValue& v) {
  switch (type) {
    case FieldType::count:
    case FieldType::port:
      return std::to_string(v.count);
    case FieldType::real:
    case FieldType::interval:
      return fmt::format("{:.{}f}", v.real, v.decimals);
    case FieldType::time:
      return fmt::format("{:.{}f}", v.time.seconds(), v.decimals);
    case FieldType::boolean:
      return v.boolean ? "true" : "false";
    case FieldType::address:
      return v.address.to_string();
    case FieldType::text_set: {
      std::string out;
      for (const auto& s : *v.set) out += (out.empty() ? "" : ",") + s;
      return out;
    }
    case FieldType::text:
    case FieldType::word:
    case FieldType::enumeration:
      return std::string(v.text);
  }
  return {};
}

}  // namespace tcplens
