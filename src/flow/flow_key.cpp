#include "tcplens/flow/flow_key.hpp"

namespace tcplens {

FlowKey FlowKey::between(const IpAddress& a, std::uint16_t a_port, const IpAddress& b, std::uint16_t b_port) {
  const bool a_first = a < b || (a == b && a_port <= b_port);
  return a_first ? FlowKey{a, b, a_port, b_port} : FlowKey{b, a, b_port, a_port};
}

FlowKey FlowKey::of(const DecodedPacket& pkt) {
  return between(pkt.ip.src, pkt.tcp.src_port, pkt.ip.dst, pkt.tcp.dst_port);
}

std::size_t FlowKeyHash::operator()(const FlowKey& k) const {
  std::uint64_t h = 1469598103934665603ull ^ (std::uint64_t{k.low_port} << 16 | k.high_port);
  for (std::size_t i = 0; i < k.low_addr.width(); ++i) h = (h ^ k.low_addr.octets[i]) * 1099511628211ull;
  for (std::size_t i = 0; i < k.high_addr.width(); ++i) h = (h ^ k.high_addr.octets[i]) * 1099511628211ull;
  return static_cast<std::size_t>(h ^ (h >> 29));
}

}  // namespace tcplens
