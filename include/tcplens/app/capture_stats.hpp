// What a run saw, for the one-line summary on stderr.
#pragma once
#include <cstdint>
#include <string>

#include "tcplens/core/anomaly.hpp"
#include "tcplens/decode/decoded_packet.hpp"

namespace tcplens {

struct CaptureStats {
  std::uint64_t packets = 0;
  std::uint64_t tcp = 0;
  std::uint64_t not_tcp = 0;    // other protocols, skipped
  std::uint64_t malformed = 0;  // packets with an anomaly
  AnomalyCounters anomalies;
  std::uint64_t time_backwards = 0;  // frames stamped earlier than the frame before
  double largest_step_back = 0;      // seconds
  // Frames far ahead of the capture's clock that the next frame did not
  // confirm: not followed by expiry (CaptureClock).
  std::uint64_t clock_outliers = 0;
  double last_time = 0;
  // Connections closed out before the capture ended (their record is
  // still written): idle for --idle-timeout, or the longest idle when the
  // table reached --max-connections.
  std::uint64_t closed_out_idle = 0;
  std::uint64_t closed_out_table_full = 0;

  void count(const DecodedPacket& pkt);
  // "12 packets, 10 TCP, 2 skipped (not TCP), 1 malformed (truncated_tcp 1)"
  [[nodiscard]] std::string summary() const;
};

}  // namespace tcplens
