// Everything the pipeline concluded about one TCP packet: the TCP stage's
// segment report and what the application analyzers found in the bytes it
// delivered. The contract between the analysis and the renderers.
#pragma once
#include "tcplens/analysis/app_findings.hpp"
#include "tcplens/analysis/segment_delivery.hpp"
#include "tcplens/tcp/segment_report.hpp"

namespace tcplens {

struct PacketReport : SegmentReport {
  AppFindings app;  // what the application analyzers found in the delivered bytes

  // Both parts cleared (the TCP stage clears its own at each segment).
  void reset() {
    SegmentReport::reset();
    app.clear();
  }
  // The bytes, gaps and close this packet hands the application layer.
  [[nodiscard]] SegmentDelivery delivered(double time) const {
    return {sender, (flags & (tcp_flag::fin | tcp_flag::rst)) != 0, {chunks[0], chunks[1]}, time};
  }
};

}  // namespace tcplens
