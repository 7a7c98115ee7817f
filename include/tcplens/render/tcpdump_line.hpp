// One packet's line in tcpdump -n form (without the timestamp), cut after
// "length N" except for the HTTP suffix: the --plain contract.
#pragma once
#include <cstdint>

#include "tcplens/decode/decoded_packet.hpp"
#include "tcplens/flow/shown_numbers.hpp"
#include "tcplens/render/text_buffer.hpp"

namespace tcplens {

void render_tcpdump_line(TextBuffer& out, const DecodedPacket& pkt, const ShownNumbers& numbers);

// The link-layer part tcpdump prints before "IP" (Linux cooked v2 only).
void render_link_prefix(TextBuffer& out, const LinkLayer& link);

}  // namespace tcplens
