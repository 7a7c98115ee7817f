// Zeek's coarser endpoint states, kept beside the RFC 9293 ones because
// conn_state is defined on them (scripts/base/protocols/conn/main.zeek).
#pragma once
#include <cstdint>
#include <string>

namespace tcplens {

enum class ZeekState : std::uint8_t { inactive, syn_sent, syn_ack_sent, partial, established, closed, reset };

// Zeek's transition for the endpoint that sent a segment with these flags.
ZeekState zeek_next_state(ZeekState current, std::uint8_t flags);

// conn_state from both endpoints, the payload sizes and the history string.
std::string zeek_conn_state(ZeekState orig, ZeekState resp, std::uint64_t orig_bytes, std::uint64_t resp_bytes,
                            const std::string& history);

}  // namespace tcplens
