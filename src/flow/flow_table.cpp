#include "tcplens/flow/flow_table.hpp"

#include <algorithm>

namespace tcplens {

bool between_endpoints_of(const Connection& c, const DecodedPacket& pkt) {
  const Endpoint& o = c.orig();
  const Endpoint& r = c.resp();
  const std::uint16_t sport = pkt.tcp.src_port;
  const std::uint16_t dport = pkt.tcp.dst_port;
  if (c.context() != pkt.encap.context()) return false;  // another VXLAN segment
  return (o.port == sport && r.port == dport && o.address == pkt.ip.src && r.address == pkt.ip.dst) ||
         (o.port == dport && r.port == sport && o.address == pkt.ip.dst && r.address == pkt.ip.src);
}

bool starts_new_connection(const Connection& existing, const DecodedPacket& pkt) {
  const TcpSegment& tcp = pkt.tcp;
  if (!tcp.has(tcp_flag::syn)) return false;
  const Role role = existing.sender_of(pkt);
  const Endpoint& sender = existing.endpoint(role);
  // A SYN-ACK with a new ISN from an end that had already closed (FIN or
  // RST): a new connection whose SYN the capture does not have (one
  // direction visible, or the SYN lost before the capture point).
  if (tcp.has(tcp_flag::ack)) {
    return sender.sent_synack && tcp.seq != sender.isn && (sender.fin_seq || sender.sent_rst || existing.finished());
  }
  // The same SYN again is a retransmission, even after a RST refused it
  // (a new connection would have a new ISN; Wireshark and Zeek agree).
  if (sender.sent_syn && tcp.seq == sender.isn) return false;
  if (existing.finished()) return true;
  // A first SYN from the other end while the first SYN waits for an answer:
  // both opened at once (simultaneous open), one connection.
  const Endpoint& peer = existing.endpoint(peer_of(role));
  if (!sender.sent_syn && !sender.sent_synack && peer.state == TcpState::syn_sent) return false;
  return true;
}

FlowTable::FlowTable(FlowTableOptions options)
    : options_(options),
      budget_(options.limits.reassembly_memory),
      ip_fragments_(options.limits.fragments),
      udp_flows_(options.limits.max_connections > 0 ? options.limits.max_connections : SIZE_MAX) {}

ConnectionOrigin FlowTable::reuse_origin(const Connection& old, const DecodedPacket& pkt) const {
  ConnectionOrigin origin;
  origin.port_reuse = true;
  for (const Role r : {Role::orig, Role::resp}) {
    const Endpoint& e = old.endpoint(r);
    if (e.state != TcpState::time_wait) continue;
    const double since = pkt.frame->ts.seconds() - e.time_wait_since.seconds();
    origin.reuse_time_wait_side = r;
    origin.reuse_after_seconds = static_cast<float>(since);
    origin.reuse_in_time_wait = since < options_.limits.time_wait_seconds;
  }
  return origin;
}

void FlowTable::unlink(std::uint32_t slot) {
  Slot& s = slots_[slot];
  Queue& q = queue(s.finished);
  (s.prev == kNone ? q.head : slots_[s.prev].next) = s.next;
  (s.next == kNone ? q.tail : slots_[s.next].prev) = s.prev;
  s.prev = s.next = kNone;
}

void FlowTable::push_back(std::uint32_t slot) {
  Slot& s = slots_[slot];
  s.finished = s.conn->finished();
  Queue& q = queue(s.finished);
  s.prev = q.tail;
  s.next = kNone;
  (q.tail == kNone ? q.head : slots_[q.tail].next) = slot;
  q.tail = slot;
}

void FlowTable::requeue_latest() {
  if (latest_ == kNone) return;
  Slot& s = slots_[latest_];
  if (s.finished != s.conn->finished()) {
    unlink(latest_);
    push_back(latest_);
  }
  latest_ = kNone;
}

void FlowTable::retire(std::uint32_t slot, Retirement why) {
  unlink(slot);
  if (latest_ == slot) latest_ = kNone;
  Connection& c = *slots_[slot].conn;
  index_.erase(slots_[slot].hash, slot);
  ++retired_[static_cast<std::size_t>(why)];
  for (const RetireHandler& handler : on_retire_)
    handler(c, why, now_ - slots_[slot].active);  // >= 0: active is an earlier now_
  if (why != Retirement::end_of_capture) retired_tuples_.remember(c);
  slots_[slot].conn.reset();
  free_slots_.push_back(slot);
}

void FlowTable::expire_queue(bool finished, double timeout) {
  Queue& q = queue(finished);
  while (q.head != kNone) {
    if (now_ - slots_[q.head].active < timeout) return;
    retire(q.head, finished ? Retirement::time_wait_over : Retirement::idle);
  }
}

void FlowTable::expire(double now) {
  now_ = std::max(now_, now);
  requeue_latest();
  expire_queue(true, options_.limits.time_wait_seconds);
  if (options_.limits.idle_timeout > 0) expire_queue(false, options_.limits.idle_timeout);
}

void FlowTable::make_room() {
  const std::size_t cap = options_.limits.max_connections;
  while (cap > 0 && open_count() >= cap) {
    const std::uint32_t victim = finished_.head != kNone ? finished_.head : open_queue_.head;
    if (victim == kNone) return;
    retire(victim, Retirement::table_full);
  }
}

Connection& FlowTable::create(const DecodedPacket& pkt, std::uint32_t hash, ConnectionOrigin origin) {
  make_room();
  const std::uint64_t stream = next_stream_++;
  ConnectionShape shape;
  if (options_.shapes != nullptr && stream < options_.shapes->size())
    shape = (*options_.shapes)[stream];
  else if (options_.shapes_unknown)
    shape.handshake_steps = shape.teardown_steps = 0;
  std::uint32_t slot;
  if (!free_slots_.empty()) {
    slot = free_slots_.back();
    free_slots_.pop_back();
  } else {
    slot = static_cast<std::uint32_t>(slots_.size());
    slots_.emplace_back();
  }
  slots_[slot].conn = std::make_unique<Connection>(stream, pkt, origin, shape);
  Connection& c = *slots_[slot].conn;
  c.set_carriers(carriers_.intern(pkt.encap), pkt.encap.context());
  if (options_.reassemble) c.enable_reassembly(budget_, options_.limits.reassembly_limits);
  slots_[slot].active = now_;
  push_back(slot);
  latest_ = slot;
  slots_[slot].hash = hash;
  index_.assign(hash, slot, [&](std::uint32_t s) { return between_endpoints_of(*slots_[s].conn, pkt); });
  peak_open_ = std::max(peak_open_, open_count());
  return c;
}

Connection& FlowTable::connection_for(const DecodedPacket& pkt, double clock) {
  expire(clock);
  const std::uint32_t hash =
      flow_hash(pkt.ip.src, pkt.tcp.src_port, pkt.ip.dst, pkt.tcp.dst_port) ^ pkt.encap.context();
  const std::uint32_t slot =
      index_.find(hash, [&](std::uint32_t s) { return between_endpoints_of(*slots_[s].conn, pkt); });
  if (slot == FlowIndex::kNone) {
    ConnectionOrigin origin;
    origin.port_reuse = retired_tuples_.reused_by(pkt);
    return create(pkt, hash, origin);
  }
  Connection& existing = *slots_[slot].conn;
  if (starts_new_connection(existing, pkt)) return create(pkt, hash, reuse_origin(existing, pkt));
  slots_[slot].active = now_;
  unlink(slot);
  push_back(slot);
  latest_ = slot;
  return existing;
}

void FlowTable::retire_all() {
  requeue_latest();
  // (stream, slot) pairs: sorting them reads no connection.
  std::vector<std::pair<std::uint64_t, std::uint32_t>> live;
  live.reserve(open_count());
  for (std::uint32_t i = 0; i < slots_.size(); ++i) {
    if (slots_[i].conn) live.emplace_back(slots_[i].conn->stream(), i);
  }
  std::sort(live.begin(), live.end());
  for (const auto& [stream, slot] : live) retire(slot, Retirement::end_of_capture);
}

ShapeLearner::ShapeLearner(FlowTable& table) {
  table.on_retire([this](Connection& c, Retirement, double) {
    if (c.stream() >= shapes_.size()) shapes_.resize(c.stream() + 1);
    shapes_[c.stream()] = c.learned_shape();
  });
}

}  // namespace tcplens
