// What a run saw, for the one-line summary on stderr.
#pragma once
#include <cstdint>
#include <string>

#include "tcplens/core/anomaly.hpp"
#include "tcplens/decode/decoded_packet.hpp"
#include "tcplens/flow/ip_fragments.hpp"

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
  std::uint64_t udp_flows = 0;           // listed by `flows` (set by it)
  std::uint64_t udp_flows_not_kept = 0;  // begun past --max-connections: counted, not listed
  // Frames that were IP fragments, and what became of their datagrams.
  std::uint64_t ip_fragments = 0;
  IpFragmentTable::Stats fragment_datagrams;
  bool fragments_reassembled = false;  // note_fragments was told: the datagrams' fate is known

  // A frame: its anomalies too, unless it is an IP fragment (see count_anomaly).
  void count(const DecodedPacket& pkt);
  // What is wrong with a fragment whose datagram will not be shown whole,
  // or with a datagram rebuilt from fragments (not a frame of its own).
  void count_anomaly(const DecodedPacket& pkt);
  void note_fragments(const IpFragmentTable::Stats& s) {
    fragment_datagrams = s;
    fragments_reassembled = true;
  }
  // "12 packets, 10 TCP, 2 skipped (not TCP), 1 malformed (truncated_tcp 1)"
  [[nodiscard]] std::string summary() const;
};

}  // namespace tcplens
