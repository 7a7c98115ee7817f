// IPv6 extension headers as tcpdump prints them before the transport part
// ("HBH ", "DSTOPT ", "RT6 (...) ", "frag (0|N) ").
#pragma once
#include "tcplens/decode/ip_layer.hpp"
#include "tcplens/render/text_buffer.hpp"

namespace tcplens {

void render_ip6_extension(TextBuffer& out, const Ip6Extension& ext);

}  // namespace tcplens
