// What one TCP segment handed the application layer: the stream bytes it
// made deliverable on each side (its own payload, data that waited for it,
// gaps given up), and whether it closed its sender's side.
#pragma once
#include <span>

#include "tcplens/tcp/stream_reassembler.hpp"
#include "tcplens/tcp/tcp_state.hpp"

namespace tcplens {

struct SegmentDelivery {
  Role sender = Role::orig;
  bool closes = false;                     // FIN or RST
  std::span<const StreamChunk> chunks[2];  // orig, resp
  double time = 0;

  [[nodiscard]] bool any() const { return !chunks[0].empty() || !chunks[1].empty(); }
};

}  // namespace tcplens
