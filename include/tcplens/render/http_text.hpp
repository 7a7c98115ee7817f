// tcpdump's ": HTTP[: first line]" suffix for segments on ports 80 and 8080.
#pragma once
#include <cstdint>

#include "tcplens/core/bytes.hpp"
#include "tcplens/render/text_buffer.hpp"

namespace tcplens {

// True when tcpdump would hand this port pair to its HTTP printer (ports of
// protocols it checks earlier take precedence).
bool tcpdump_prints_http(std::uint16_t src_port, std::uint16_t dst_port);

// payload: captured payload bytes; length: on-wire payload length.
void render_http_suffix(TextBuffer& out, Bytes payload, std::uint32_t length);

}  // namespace tcplens
