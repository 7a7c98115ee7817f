#include "tcplens/flow/tcpdump_seq_table.hpp"

#include <algorithm>

namespace tcplens {

std::size_t TcpdumpSeqTable::KeyHash::operator()(const Key& k) const {
  std::uint64_t h = 1469598103934665603ull ^ k.ports;
  for (std::size_t i = 0; i < k.a.width(); ++i) h = (h ^ k.a.octets[i]) * 1099511628211ull;
  for (std::size_t i = 0; i < k.b.width(); ++i) h = (h ^ k.b.octets[i]) * 1099511628211ull;
  return static_cast<std::size_t>(h);
}

ShownNumbers TcpdumpSeqTable::shown_numbers(const DecodedPacket& pkt) {
  const TcpSegment& tcp = pkt.tcp;
  if (absolute_ || !tcp.has(tcp_flag::ack)) return {tcp.seq, tcp.ack, 0};

  const IpAddress& src = pkt.ip.src;
  const IpAddress& dst = pkt.ip.dst;
  // tcpdump's collating order: by port first, then by address bytes.
  const bool reversed = tcp.src_port > tcp.dst_port ||
                        (tcp.src_port == tcp.dst_port &&
                         std::lexicographical_compare(dst.octets.begin(), dst.octets.begin() + dst.width(),
                                                      src.octets.begin(), src.octets.begin() + src.width()));
  Key key = reversed ? Key{dst, src, (std::uint32_t{tcp.dst_port} << 16) | tcp.src_port}
                     : Key{src, dst, (std::uint32_t{tcp.src_port} << 16) | tcp.dst_port};

  auto [it, inserted] = bases_.try_emplace(key);
  Bases& bases = it->second;
  std::uint32_t& sender = reversed ? bases.b : bases.a;
  std::uint32_t& receiver = reversed ? bases.a : bases.b;
  if (inserted || tcp.has(tcp_flag::syn)) {
    sender = tcp.seq;
    receiver = tcp.ack - 1;
    return {tcp.seq, tcp.ack, receiver};
  }
  return {tcp.seq - sender, tcp.ack - receiver, receiver};
}

}  // namespace tcplens
