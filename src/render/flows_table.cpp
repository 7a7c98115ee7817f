#include "tcplens/render/flows_table.hpp"

#include <fmt/format.h>

#include "tcplens/render/annotation_text.hpp"

namespace tcplens {

namespace {
constexpr std::string_view kRow = "{:>6}  {:<22} {:<22} {:<15} {:>10}  {:>11}  {:>15}  {:<6} {:<9} {:<5} {:<6} {:<9} {}\n";
}

std::string_view side_word(std::string_view field) {
  if (field == "orig") return "client";
  if (field == "resp") return "server";
  if (field == "both") return "both";
  return "-";
}

void render_flows_header(TextBuffer& out) {
  fmt::format_to(std::back_inserter(out), fmt::runtime(kRow), "stream", "client", "server", "start", "duration",
                 "pkts c/s", "bytes c/s", "state", "handshake", "close", "closer", "time_wait", "history");
}

void render_flows_row(TextBuffer& out, const FlowRecord& f) {
  TextBuffer start;
  render_timestamp(start, TimestampStyle::local_time, f.ts, {});
  std::string start_text = fmt::to_string(start);
  if (!start_text.empty()) start_text.pop_back();
  fmt::format_to(std::back_inserter(out), fmt::runtime(kRow), f.stream, endpoint_text(f.orig_h, f.orig_p),
                 endpoint_text(f.resp_h, f.resp_p), start_text, fmt::format("{:.3f}", f.duration),
                 fmt::format("{}/{}", f.orig_pkts, f.resp_pkts), fmt::format("{}/{}", f.orig_bytes, f.resp_bytes),
                 f.conn_state, f.handshake, f.close, side_word(f.active_closer), side_word(f.time_wait), f.history);
}

}  // namespace tcplens
