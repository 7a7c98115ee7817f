// Multipath TCP option text (RFC 6824 / RFC 8684) as tcpdump 4.99 prints it.
#pragma once
#include <cstdint>

#include "tcplens/core/bytes.hpp"
#include "tcplens/render/text_buffer.hpp"

namespace tcplens {

// option: the whole option including kind and length bytes; tcp_flags: the
// segment's flags (some subtypes are only valid on SYN or ACK segments).
// Returns false when tcpdump would call the option bad.
bool render_mptcp_option(TextBuffer& out, Bytes option, std::uint8_t tcp_flags);

}  // namespace tcplens
