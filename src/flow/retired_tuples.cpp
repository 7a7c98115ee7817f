#include "tcplens/flow/retired_tuples.hpp"

#include "tcplens/flow/flow_index.hpp"

namespace tcplens {

void RetiredTuples::remember_direction(const Endpoint& from, const Endpoint& to) {
  if (!from.seq.known()) return;  // it sent nothing
  if (first_seq_.size() >= kCapacity) first_seq_.clear();
  first_seq_[directed_flow_key(from.address, from.port, to.address, to.port)] = from.seq.isn();
}

void RetiredTuples::remember(const Connection& c) {
  remember_direction(c.orig(), c.resp());
  remember_direction(c.resp(), c.orig());
}

bool RetiredTuples::reused_by(const DecodedPacket& syn) const {
  const TcpSegment& tcp = syn.tcp;
  if (!tcp.has(tcp_flag::syn) || first_seq_.empty()) return false;
  const auto it = first_seq_.find(directed_flow_key(syn.ip.src, tcp.src_port, syn.ip.dst, tcp.dst_port));
  return it != first_seq_.end() && it->second != tcp.seq;
}

}  // namespace tcplens
