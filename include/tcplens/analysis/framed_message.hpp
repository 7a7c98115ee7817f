// Length-prefix framing (--framing) and the messages it finds: data only.
#pragma once
#include <cstdint>

#include "tcplens/tcp/tcp_state.hpp"

namespace tcplens {

struct FramingSpec {
  std::uint8_t width = 4;  // bytes of the length prefix: 2 or 4
  bool big_endian = true;
};

struct FramedMessage {
  Role side = Role::orig;
  std::uint64_t number = 0;  // 1-based, per direction
  std::uint64_t length = 0;  // payload bytes after the prefix
  std::uint64_t first_frame = 0;
  std::uint64_t last_frame = 0;
  std::uint32_t shares_segment_with = 0;  // earlier messages that ended in the segment where this one ends
};

}  // namespace tcplens
