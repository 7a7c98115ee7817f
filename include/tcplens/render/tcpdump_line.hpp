// One packet's line in tcpdump -n form (without the timestamp), cut after
// "length N" except for the HTTP suffix: the --plain contract.
#pragma once
#include <cstdint>

#include "tcplens/decode/decoded_packet.hpp"
#include "tcplens/render/text_buffer.hpp"

namespace tcplens {

// The numbers tcpdump shows for seq/ack and subtracts from SACK edges; they
// depend on its per-conversation state, kept in flow/tcpdump_seq_table.
struct ShownNumbers {
  std::uint32_t seq = 0;
  std::uint32_t ack = 0;
  std::uint32_t sack_base = 0;
};

void render_tcpdump_line(TextBuffer& out, const DecodedPacket& pkt, const ShownNumbers& numbers);

// The link-layer part tcpdump prints before "IP" (Linux cooked v2 only).
void render_link_prefix(TextBuffer& out, const LinkLayer& link);

}  // namespace tcplens
