#include "tcplens/flow/flow_table.hpp"

namespace tcplens {

ReassemblyDefaults& reassembly_defaults() {
  static ReassemblyDefaults defaults;
  return defaults;
}

bool starts_new_connection(const Connection& existing, const DecodedPacket& pkt) {
  const TcpSegment& tcp = pkt.tcp;
  if (!tcp.has(tcp_flag::syn) || tcp.has(tcp_flag::ack)) return false;
  if (existing.finished()) return true;
  const Role role = existing.sender_of(pkt);
  const Endpoint& sender = existing.endpoint(role);
  // The same SYN again is a retransmission.
  if (sender.sent_syn && tcp.seq == sender.isn) return false;
  // A first SYN from the other end while the first SYN waits for an answer:
  // both opened at once (simultaneous open), one connection.
  const Endpoint& peer = existing.endpoint(peer_of(role));
  if (!sender.sent_syn && !sender.sent_synack && peer.state == TcpState::syn_sent) return false;
  return true;
}

ConnectionOrigin FlowTable::reuse_origin(const Connection& old, const DecodedPacket& pkt) const {
  ConnectionOrigin origin;
  origin.port_reuse = true;
  for (const Role r : {Role::orig, Role::resp}) {
    const Endpoint& e = old.endpoint(r);
    if (e.state != TcpState::time_wait) continue;
    const double since = pkt.frame->ts.seconds() - e.time_wait_since.seconds();
    origin.reuse_time_wait_side = r;
    origin.reuse_after_seconds = since;
    origin.reuse_in_time_wait = since < options_.time_wait_seconds;
  }
  return origin;
}

Connection& FlowTable::create(const DecodedPacket& pkt, ConnectionOrigin origin) {
  const std::uint64_t stream = connections_.size();
  ConnectionShape shape;
  if (options_.shapes != nullptr && stream < options_.shapes->size()) shape = (*options_.shapes)[stream];
  else if (options_.shapes_unknown) shape.teardown_steps = 0;
  connections_.push_back(std::make_unique<Connection>(stream, pkt, origin, shape));
  if (options_.reassemble) connections_.back()->enable_reassembly(budget_, options_.reassembly_limits);
  index_[FlowKey::of(pkt)] = stream;
  return *connections_.back();
}

Connection& FlowTable::connection_for(const DecodedPacket& pkt) {
  const auto it = index_.find(FlowKey::of(pkt));
  if (it == index_.end()) return create(pkt, {});
  Connection& existing = *connections_[it->second];
  if (starts_new_connection(existing, pkt)) return create(pkt, reuse_origin(existing, pkt));
  return existing;
}

std::vector<ConnectionShape> FlowTable::learned_shapes() const {
  std::vector<ConnectionShape> shapes;
  shapes.reserve(connections_.size());
  for (const auto& c : connections_) shapes.push_back(c ? c->learned_shape() : ConnectionShape{});
  return shapes;
}

void FlowTable::forget(std::size_t stream) {
  Connection& c = *connections_[stream];
  const Endpoint& o = c.orig();
  const Endpoint& r = c.resp();
  const auto it = index_.find(FlowKey::between(o.address, o.port, r.address, r.port));
  if (it != index_.end() && it->second == stream) index_.erase(it);
  connections_[stream].reset();
}

}  // namespace tcplens
