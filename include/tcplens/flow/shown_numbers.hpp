// The numbers tcpdump shows for a segment's seq/ack and subtracts from SACK
// edges: they depend on its per-conversation state (flow/tcpdump_seq_table),
// and render/tcpdump_line prints them.
#pragma once
#include <cstdint>

namespace tcplens {

struct ShownNumbers {
  std::uint32_t seq = 0;
  std::uint32_t ack = 0;
  std::uint32_t sack_base = 0;
};

}  // namespace tcplens
