// The flow stage's first step: IP fragments are held until their datagram
// is whole, and the frame that completes it is handed on rebuilt, so that
// the TCP segment (or tunnel) inside is decoded and analysed once, on that
// frame, as Zeek and tshark do by default.
#pragma once
#include <array>
#include <cstdint>
#include <vector>

#include "tcplens/capture/raw_frame.hpp"
#include "tcplens/decode/decoded_packet.hpp"
#include "tcplens/flow/ip_fragments.hpp"

namespace tcplens {

// Datagrams inside reassembled datagrams (a fragmented tunnel carrying
// fragments) are rebuilt this deep; deeper fragments are not.
inline constexpr std::size_t kMaxReassemblyDepth = 2;

struct ReassemblyOutcome {
  FragmentResult result = FragmentResult::pending;
  const RawFrame* rebuilt = nullptr;  // the completed datagram's frame, valid until the next offer at this depth
  CompletedDatagram how;              // when rebuilt

  // The fragment's datagram will never be rebuilt (cut by the snaplen,
  // impossible lengths, evicted under the memory bound).
  [[nodiscard]] bool given_up() const {
    return result == FragmentResult::dropped_limit || result == FragmentResult::dropped_truncated ||
           result == FragmentResult::dropped_bad_length;
  }
};

class IpReassembler {
 public:
  // limits.max_bytes == 0 turns reassembly off.
  explicit IpReassembler(FragmentLimits limits) : enabled_(limits.max_bytes > 0), table_(limits) {}

  [[nodiscard]] bool enabled() const { return enabled_; }
  // pkt must be a fragment (pkt.is_ip_fragment()); depth: how many rebuilt
  // frames it is inside (0 for a captured frame).
  ReassemblyOutcome offer(const DecodedPacket& pkt, std::size_t depth);
  void expire(double now) { table_.expire(now); }
  [[nodiscard]] const IpFragmentTable::Stats& stats() const { return table_.stats(); }

 private:
  bool enabled_;
  IpFragmentTable table_;
  std::array<std::vector<std::uint8_t>, kMaxReassemblyDepth> bytes_;
  std::array<RawFrame, kMaxReassemblyDepth> rebuilt_;
};

// The piece of a datagram a decoded fragment holds.
FragmentPiece fragment_piece(const DecodedPacket& pkt);

}  // namespace tcplens
