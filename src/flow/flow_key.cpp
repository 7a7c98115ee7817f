#include "tcplens/flow/flow_key.hpp"

namespace tcplens {

FlowKey FlowKey::of(const DecodedPacket& pkt) {
  const IpAddress& s = pkt.ip.src;
  const IpAddress& d = pkt.ip.dst;
  const std::uint16_t sp = pkt.tcp.src_port;
  const std::uint16_t dp = pkt.tcp.dst_port;
  const bool src_first = s < d || (s == d && sp <= dp);
  return src_first ? FlowKey{s, d, sp, dp} : FlowKey{d, s, dp, sp};
}

std::size_t FlowKeyHash::operator()(const FlowKey& k) const {
  std::uint64_t h = 1469598103934665603ull ^ (std::uint64_t{k.low_port} << 16 | k.high_port);
  for (std::size_t i = 0; i < k.low_addr.width(); ++i) h = (h ^ k.low_addr.octets[i]) * 1099511628211ull;
  for (std::size_t i = 0; i < k.high_addr.width(); ++i) h = (h ^ k.high_addr.octets[i]) * 1099511628211ull;
  return static_cast<std::size_t>(h ^ (h >> 29));
}

}  // namespace tcplens
