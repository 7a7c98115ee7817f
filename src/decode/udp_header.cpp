#include "tcplens/decode/udp_header.hpp"

namespace tcplens {

std::optional<UdpHeader> parse_udp_header(Bytes transport) {
  const ByteReader r(transport);
  const auto src = r.be16(0);
  const auto dst = r.be16(2);
  const auto length = r.be16(4);
  if (!src || !dst || !length || !r.has(0, kUdpHeaderLength)) return std::nullopt;
  return UdpHeader{*src, *dst, *length};
}

}  // namespace tcplens
