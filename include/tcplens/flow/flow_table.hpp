// All connections of a capture, found by their 4-tuple. A SYN on a tuple
// whose connection is over (or that carries a new ISN) starts a new
// connection with the next stream number, as Wireshark's tcp.stream does.
#pragma once
#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

#include "tcplens/flow/flow_key.hpp"
#include "tcplens/tcp/connection.hpp"

namespace tcplens {

// Reassembly bounds for every flow table of the run (set once, from the
// command line; defaults otherwise).
struct ReassemblyDefaults {
  std::size_t memory = 256u << 20;  // all connections
  ReassemblyLimits limits;
};
ReassemblyDefaults& reassembly_defaults();

struct FlowTableOptions {
  double time_wait_seconds = 60;  // how long TIME_WAIT lasts (2*MSL; Linux uses 60 s)
  // Shapes learned by an earlier pass over the same capture, by stream.
  const std::vector<ConnectionShape>* shapes = nullptr;
  bool shapes_unknown = false;  // streaming: teardown step counts are not known in advance
  bool reassemble = true;       // rebuild byte streams (missed bytes, overlaps, follow, HTTP)
  std::size_t reassembly_memory = reassembly_defaults().memory;  // hard cap on bytes buffered, all connections
  ReassemblyLimits reassembly_limits = reassembly_defaults().limits;
};

class FlowTable {
 public:
  explicit FlowTable(FlowTableOptions options) : options_(options), budget_(options.reassembly_memory) {}

  // The connection this packet belongs to, created if needed.
  Connection& connection_for(const DecodedPacket& pkt);

  // By stream number; an entry is null once its connection was expired.
  [[nodiscard]] const std::vector<std::unique_ptr<Connection>>& connections() const { return connections_; }

  // Live capture: forgets connections idle for too long (finished ones after
  // time_wait_seconds, open ones after idle_seconds), calling on_expired
  // first. Returns how many were forgotten.
  template <typename OnExpired>
  std::size_t expire(double now, double idle_seconds, OnExpired&& on_expired) {
    std::size_t n = 0;
    for (std::size_t i = first_live_; i < connections_.size(); ++i) {
      auto& c = connections_[i];
      if (!c) continue;
      const double idle = now - c->last_seen().seconds();
      if (idle < (c->finished() ? options_.time_wait_seconds : idle_seconds)) continue;
      on_expired(*c, idle);
      forget(i);
      ++n;
    }
    while (first_live_ < connections_.size() && !connections_[first_live_]) ++first_live_;
    return n;
  }
  [[nodiscard]] std::vector<ConnectionShape> learned_shapes() const;
  // Reassembly buffers in use now and at most, all connections.
  [[nodiscard]] const BufferBudget& buffer_budget() const { return budget_; }

 private:
  Connection& create(const DecodedPacket& pkt, ConnectionOrigin origin);
  void forget(std::size_t stream);
  std::size_t first_live_ = 0;
  [[nodiscard]] ConnectionOrigin reuse_origin(const Connection& old, const DecodedPacket& pkt) const;

  FlowTableOptions options_;
  BufferBudget budget_;  // before connections_: they give their bytes back when destroyed
  std::unordered_map<FlowKey, std::size_t, FlowKeyHash> index_;
  std::vector<std::unique_ptr<Connection>> connections_;
};

// A SYN that cannot belong to the existing connection on its tuple.
bool starts_new_connection(const Connection& existing, const DecodedPacket& pkt);

}  // namespace tcplens
