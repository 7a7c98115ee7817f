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

struct FlowTableOptions {
  double time_wait_seconds = 60;  // how long TIME_WAIT lasts (2*MSL; Linux uses 60 s)
  // Shapes learned by an earlier pass over the same capture, by stream.
  const std::vector<ConnectionShape>* shapes = nullptr;
  bool shapes_unknown = false;  // streaming: teardown step counts are not known in advance
};

class FlowTable {
 public:
  explicit FlowTable(FlowTableOptions options) : options_(options) {}

  // The connection this packet belongs to, created if needed.
  Connection& connection_for(const DecodedPacket& pkt);

  [[nodiscard]] const std::vector<std::unique_ptr<Connection>>& connections() const { return connections_; }
  [[nodiscard]] std::vector<ConnectionShape> learned_shapes() const;

 private:
  Connection& create(const DecodedPacket& pkt, ConnectionOrigin origin);
  [[nodiscard]] ConnectionOrigin reuse_origin(const Connection& old, const DecodedPacket& pkt) const;

  FlowTableOptions options_;
  std::unordered_map<FlowKey, std::size_t, FlowKeyHash> index_;
  std::vector<std::unique_ptr<Connection>> connections_;
};

// A SYN that cannot belong to the existing connection on its tuple.
bool starts_new_connection(const Connection& existing, const DecodedPacket& pkt);

}  // namespace tcplens
