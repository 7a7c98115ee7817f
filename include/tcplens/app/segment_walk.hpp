// The TCP segments in one decoded frame, after IP reassembly: a fragment is
// offered to the reassembler, and the datagram it completes is decoded and
// walked in turn (it may be a tunnel with fragments of its own, to
// kMaxReassemblyDepth). Shared by the one-table pipeline and --threads.
#pragma once
#include <cstddef>

#include "tcplens/app/capture_stats.hpp"
#include "tcplens/decode/decoded_packet.hpp"
#include "tcplens/flow/ip_reassembler.hpp"

namespace tcplens {

// segment(pkt, reassembled): a TCP packet to track or show; reassembled is
// how its datagram was rebuilt, null for a frame's own.
// held(pkt): a first fragment, whose segment comes whole with its datagram.
// datagram(pkt): a whole IP datagram of another transport (UDP flows).
// fragments: null when fragments are not reassembled.
template <typename Segment, typename Held, typename Datagram>
void walk_segments(int dlt, const DecodedPacket& pkt, IpReassembler* fragments, CaptureStats& stats,
                   const Segment& segment, const Held& held, const Datagram& datagram, std::size_t depth = 0,
                   const CompletedDatagram* reassembled = nullptr) {
  // CaptureStats::count counts a frame's anomalies, except a fragment's:
  // those are counted here, once the fragment is known not to come whole
  // later; a rebuilt datagram's, here too.
  const bool reassembles =
      fragments != nullptr && fragments->enabled() && pkt.is_ip_fragment() && depth < kMaxReassemblyDepth;
  if (!reassembles) {
    if (depth > 0 || pkt.is_ip_fragment()) stats.count_anomaly(pkt);
    if (pkt.is_tcp())
      segment(pkt, reassembled);
    else if (pkt.kind == PacketKind::not_tcp && !pkt.is_ip_fragment())
      datagram(pkt);
    return;
  }
  const ReassemblyOutcome out = fragments->offer(pkt, depth);
  if (pkt.is_tcp() && !out.given_up()) {
    held(pkt);
  } else {
    // Not TCP, or a datagram that can never be rebuilt: its first fragment is what there is.
    stats.count_anomaly(pkt);
    if (pkt.is_tcp()) segment(pkt, nullptr);
  }
  if (out.rebuilt == nullptr) return;
  const DecodedPacket whole = decode_packet(dlt, *out.rebuilt);
  walk_segments(dlt, whole, fragments, stats, segment, held, datagram, depth + 1, &out.how);
}

}  // namespace tcplens
