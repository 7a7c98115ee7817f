// What tcpdump -n prints for the headers around a tunnelled TCP segment,
// before the inner "IP ..." part: "MPLS (label 16, tc 0, [S], ttl 64) ",
// "PPPoE  [ses 0x1] ", "IP a > b: GREv0, length 64: ", "IP a.p > b.4789:
// VXLAN, flags [I] (0x08), vni 11\n", "IP a.p > b.6081: Geneve, ...: ".
// Headers tcpdump prints nothing for without -e (VLAN, PPP, Cisco HDLC,
// IPoIB...) add nothing. Pure: it re-reads the layers' bytes from the frame.
#pragma once
#include "tcplens/decode/decoded_packet.hpp"
#include "tcplens/render/text_buffer.hpp"

namespace tcplens {

void render_encap_prefix(TextBuffer& out, const DecodedPacket& pkt);
// What those printers add after the inner packet: "}" per L2TP header.
void render_encap_suffix(TextBuffer& out, const DecodedPacket& pkt);

}  // namespace tcplens
