// TCP options printed exactly as tcpdump 4.99 prints them, including its
// handling of bad lengths ("[bad opt]", "[len N]") and of bytes not captured
// (" [|tcp]").
#pragma once
#include <cstdint>

#include "tcplens/core/bytes.hpp"
#include "tcplens/render/text_buffer.hpp"

namespace tcplens {

struct OptionsContext {
  Bytes captured;                // option bytes that were captured
  std::uint32_t declared = 0;    // option bytes the data offset declares
  std::uint32_t sack_base = 0;   // subtracted from SACK edges (tcpdump's relative base)
  bool payload_captured = true;  // for the md5 option's "snaplen too short"
  std::uint8_t tcp_flags = 0;    // MPTCP subtypes depend on SYN/ACK
};

enum class OptionsEnd : std::uint8_t {
  closed,     // printed through the closing ']'
  truncated,  // ended with " [|tcp]": the line stops here
  bad,        // ended with "[bad opt]": the line stops here
};

OptionsEnd render_tcp_options(TextBuffer& out, const OptionsContext& ctx);

}  // namespace tcplens
