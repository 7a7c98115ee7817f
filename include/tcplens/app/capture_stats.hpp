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

  void count(const DecodedPacket& pkt);
  // "12 packets, 10 TCP, 2 skipped (not TCP), 1 malformed (truncated_tcp 1)"
  [[nodiscard]] std::string summary() const;
};

}  // namespace tcplens
