#include "tcplens/render/flows_table.hpp"

#include <fmt/compile.h>
#include <fmt/format.h>

#include <array>

#include "tcplens/render/annotation_text.hpp"

namespace tcplens {

namespace {

// The table's columns: width, alignment and the spaces after each. Header
// and rows share it; rows are built field by field without a runtime
// format string (parsing one per row cost more than the row's analysis).
struct Column {
  std::size_t width;
  bool right;
  std::size_t gap;
};
constexpr std::array<Column, 14> kColumns{{
    {6, true, 2},    // stream
    {5, false, 2},   // proto
    {22, false, 1},  // client
    {22, false, 1},  // server
    {15, false, 1},  // start
    {10, true, 2},   // duration
    {11, true, 2},   // pkts c/s
    {15, true, 2},   // bytes c/s
    {6, false, 1},   // state
    {9, false, 1},   // handshake
    {5, false, 1},   // close
    {6, false, 1},   // closer
    {9, false, 1},   // time_wait
    {0, false, 0},   // history
}};

using Cells = std::array<std::string_view, kColumns.size()>;

void fill(TextBuffer& out, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) out.push_back(' ');
}

void render_cells(TextBuffer& out, const Cells& cells) {
  for (std::size_t i = 0; i < kColumns.size(); ++i) {
    const Column& c = kColumns[i];
    const std::size_t pad = cells[i].size() < c.width ? c.width - cells[i].size() : 0;
    if (c.right) fill(out, pad);
    append(out, cells[i]);
    if (!c.right && i + 1 < kColumns.size()) fill(out, pad);
    fill(out, c.gap);
  }
  out.push_back('\n');
}

using Cell = fmt::basic_memory_buffer<char, 64>;

std::string_view view(const Cell& c) { return {c.data(), c.size()}; }

}  // namespace

std::string_view side_word(std::string_view field) {
  if (field == "orig") return "client";
  if (field == "resp") return "server";
  if (field == "both") return "both";
  return "-";
}

void render_flows_header(TextBuffer& out) {
  render_cells(out, {"stream", "proto", "client", "server", "start", "duration", "pkts c/s", "bytes c/s", "state",
                     "handshake", "close", "closer", "time_wait", "history"});
}

void render_flows_row(TextBuffer& out, const FlowRecord& f) {
  TextBuffer start;
  render_timestamp(start, TimestampStyle::local_time, f.ts, {});
  if (start.size() > 0) start.resize(start.size() - 1);  // its trailing space
  Cell stream, client, server, duration, packets, bytes;
  fmt::format_to(std::back_inserter(stream), FMT_COMPILE("{}"), f.stream);
  append_endpoint(client, f.orig_h, f.orig_p);
  append_endpoint(server, f.resp_h, f.resp_p);
  fmt::format_to(std::back_inserter(duration), FMT_COMPILE("{:.3f}"), f.duration);
  fmt::format_to(std::back_inserter(packets), FMT_COMPILE("{}/{}"), f.orig_pkts, f.resp_pkts);
  fmt::format_to(std::back_inserter(bytes), FMT_COMPILE("{}/{}"), f.orig_bytes, f.resp_bytes);
  // TCP-only columns of a UDP flow: "-".
  const auto word = [](std::string_view w) { return w.empty() ? std::string_view("-") : w; };
  render_cells(out, {view(stream), f.proto, view(client), view(server), std::string_view(start.data(), start.size()),
                     view(duration), view(packets), view(bytes), f.conn_state, word(f.handshake), word(f.close),
                     side_word(f.active_closer), side_word(f.time_wait), f.history});
}

}  // namespace tcplens
