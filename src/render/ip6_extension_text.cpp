#include "tcplens/render/ip6_extension_text.hpp"

#include <fmt/format.h>

namespace tcplens {

namespace {

void render_addresses(TextBuffer& out, Bytes list, std::size_t count) {
  for (std::size_t i = 0; i < count && (i + 1) * 16 <= list.size(); ++i) {
    print(out, FMT_COMPILE(", [{}]{}"), i, IpAddress::v6(list.subspan(i * 16, 16)).text().view());
  }
}

void render_routing(TextBuffer& out, Bytes raw) {
  const std::uint8_t len = raw[1];
  const std::uint8_t type = raw[2];
  print(out, FMT_COMPILE("RT6 (len={}, type={}{}, segleft={}"), len, type, type == 0 ? " [Deprecated]" : "", raw[3]);
  if (type == 4) {
    print(out, FMT_COMPILE(", last-entry={}"), raw[4]);
    if (raw[5] != 0) print(out, FMT_COMPILE(", flags=0x{:x}"), raw[5]);
    print(out, FMT_COMPILE(", tag={:x}"), load_be16(raw.data() + 6));
    render_addresses(out, raw.subspan(8), len / 2u);
  } else {
    const std::uint32_t reserved = load_be32(raw.data() + 4);
    if (reserved != 0) print(out, FMT_COMPILE(", rsv=0x{:x}"), reserved);
    render_addresses(out, raw.subspan(8), len / 2u);
  }
  append(out, ") ");
}

}  // namespace

void render_ip6_extension(TextBuffer& out, const Ip6Extension& ext) {
  switch (ext.type) {
    case 0:
      append(out, "HBH ");
      return;
    case 60:
      append(out, "DSTOPT ");
      return;
    case 43:
      render_routing(out, ext.raw);
      return;
    case 44:
      print(out, FMT_COMPILE("frag ({}|{}) "), load_be16(ext.raw.data() + 2) & 0xfff8, ext.fragment_payload);
      return;
    default:
      return;
  }
}

}  // namespace tcplens
