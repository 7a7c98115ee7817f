#include "tcplens/render/timeline_text.hpp"

#include <fmt/format.h>

#include "tcplens/render/flows_table.hpp"
#include "tcplens/render/tcp_flags_text.hpp"
#include "tcplens/render/timestamp_text.hpp"

namespace tcplens {

namespace {

std::string bytes_text(std::uint64_t n) {
  if (n < 10'000) return fmt::format("{} B", n);
  if (n < 10'000'000) return fmt::format("{:.1f} KB", static_cast<double>(n) / 1000.0);
  return fmt::format("{:.1f} MB", static_cast<double>(n) / 1e6);
}

std::string_view opening_words(std::string_view handshake) {
  if (handshake == "complete") return "handshake complete";
  if (handshake == "midstream") return "before the capture started (mid-stream)";
  if (handshake == "refused") return "refused (SYN answered by RST)";
  if (handshake == "syn_only") return "SYN only, never answered";
  return "handshake incomplete";
}

void render_header(TextBuffer& out, const FlowRecord& f, const EndpointNames& names) {
  print(out, FMT_COMPILE("stream {}  client {} -> server {}{}\n"), f.stream, names.orig, names.resp,
        f.originator_inferred ? " (client inferred)" : "");
  TextBuffer start;
  render_timestamp(start, TimestampStyle::local_date_time, f.ts, {});
  print(out, FMT_COMPILE("  start {}, duration {:.6f} s"), std::string_view(start.data(), start.size() - 1),
        f.duration);
  // Packets after both ends closed (a final ACK, a late FIN) are not in
  // Zeek's duration: say when the connection's last packet came.
  const double span = f.last_ts.seconds() - f.ts.seconds();
  if (span - f.duration > 5e-7) print(out, FMT_COMPILE(" (to the close; last packet at +{:.6f} s)"), span);
  print(out, FMT_COMPILE(", {} packets ({} client->server, {} server->client)\n"), f.orig_pkts + f.resp_pkts,
        f.orig_pkts, f.resp_pkts);
  print(out, FMT_COMPILE("  opened: {}; closed: {}"), opening_words(f.handshake), f.close);
  if (f.active_closer == "both")
    append(out, ", both closed at once (simultaneous close)");
  else if (f.active_closer != "null")
    print(out, FMT_COMPILE(", {} closed first (active closer)"), side_word(f.active_closer));
  if (f.reset_by != "null") print(out, FMT_COMPILE(", reset by {}"), side_word(f.reset_by));
  print(out, FMT_COMPILE("; TIME_WAIT: {}"), f.time_wait == "null" ? "nobody" : side_word(f.time_wait));
  if (f.time_wait_start) print(out, FMT_COMPILE(" from {:+.6f} s"), f.time_wait_start->seconds() - f.ts.seconds());
  out.push_back('\n');
  print(out, FMT_COMPILE("  final states: client {}, server {}; conn_state {}, history {}\n"), state_name(f.orig_state),
        state_name(f.resp_state), f.conn_state, f.history);
}

void render_event(TextBuffer& out, const TimelineEntry& e, const FlowRecord& f, const EndpointNames& names,
                  const TextStyle& style) {
  const PacketReport& r = e.report;
  if (e.idle_before >= 1.0) print(out, FMT_COMPILE("  ... idle {:.3f} s ...\n"), e.idle_before);
  const double offset = e.ts.seconds() - f.ts.seconds();
  print(out, FMT_COMPILE("  {:>+11.6f}  {}  [{}]"), offset, r.sender == Role::orig ? "C>S" : "S>C",
        tcp_flags_text(r.flags));
  print(out, FMT_COMPILE(" seq {}"), r.seq);
  if (r.has_ack) print(out, FMT_COMPILE(" ack {}"), r.ack);
  print(out, FMT_COMPILE(" len {}  frame {}\n"), r.payload, r.frame);
  append(out, "              ");
  render_annotation_text(out, r, names, style);
  out.push_back('\n');
}

void render_quiet(TextBuffer& out, const TimelineEntry& e) {
  print(out, FMT_COMPILE("  ... {} segment{}, {} client->server, {} server->client"), e.segments,
        e.segments == 1 ? "" : "s", bytes_text(e.bytes[0]), bytes_text(e.bytes[1]));
  if (e.longest_idle >= 1.0) print(out, FMT_COMPILE(", longest idle {:.3f} s"), e.longest_idle);
  append(out, " ...\n");
}

}  // namespace

void render_timeline(TextBuffer& out, const FlowRecord& flow, const EndpointNames& names,
                     const ConnectionTimeline& timeline, const TextStyle& style) {
  render_header(out, flow, names);
  for (const auto& e : timeline.entries) {
    if (e.quiet)
      render_quiet(out, e);
    else
      render_event(out, e, flow, names, style);
  }
  out.push_back('\n');
}

}  // namespace tcplens
