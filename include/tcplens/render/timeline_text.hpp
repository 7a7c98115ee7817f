// tcplens timeline: per connection, a header, the packets that open and
// close it (and any other event) with their annotations, and the quiet
// middle condensed to one line per run.
#pragma once
#include <cstdint>
#include <vector>

#include "tcplens/analysis/flow_record.hpp"
#include "tcplens/events/packet_report.hpp"
#include "tcplens/render/annotation_text.hpp"

namespace tcplens {

struct TimelineEntry {
  bool quiet = false;  // a run of packets without events, condensed
  // An event packet:
  PacketReport report;
  Timestamp ts;
  double idle_before = 0;  // seconds since the connection's previous packet
  // A quiet run:
  std::uint64_t segments = 0;
  std::uint64_t bytes[2] = {0, 0};  // payload by sender: orig, resp
  double longest_idle = 0;          // the longest gap between packets in the run
  Timestamp first;
  Timestamp last;
};

struct ConnectionTimeline {
  std::vector<TimelineEntry> entries;
  std::uint64_t dropped_events = 0;  // events beyond the per-connection cap, counted in quiet runs
};

void render_timeline(TextBuffer& out, const FlowRecord& flow, const EndpointNames& names,
                     const ConnectionTimeline& timeline, const TextStyle& style);

}  // namespace tcplens
