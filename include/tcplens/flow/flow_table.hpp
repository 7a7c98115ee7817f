// The open connections of a capture, found by their 4-tuple. A SYN on a
// tuple whose connection is over (or that carries a new ISN) starts a new
// connection with the next stream number, as Wireshark's tcp.stream does.
//
// Memory follows the connections that are open, not all there were: a
// connection leaves the table (is "retired", its owner told first) when it
// has been finished for time_wait_seconds, idle for idle_timeout, when the
// table is full and it is the longest idle, or at the end of the capture.
// The clock is the capture's own (the latest packet time seen), so a file
// and a live capture of the same traffic retire the same connections; a
// connection's idle time is measured from the clock at its last packet.
#pragma once
#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "tcplens/flow/carrier_catalogue.hpp"
#include "tcplens/flow/flow_index.hpp"
#include "tcplens/flow/ip_reassembler.hpp"
#include "tcplens/flow/retired_tuples.hpp"
#include "tcplens/flow/udp_flows.hpp"
#include "tcplens/tcp/connection.hpp"

namespace tcplens {

// Bounds of a flow table (a run's come from the command line, in its
// PipelineConfig; these are the defaults).
struct TrackingLimits {
  double time_wait_seconds = 60;            // a finished connection is kept this long (2*MSL; Linux uses 60 s)
  double idle_timeout = 300;                // an open connection idle this long is closed out; 0: never (Zeek: 5 min)
  std::size_t max_connections = 1'000'000;  // open at once; past it the longest idle is closed out; 0: no cap
  std::size_t reassembly_memory = 256u << 20;  // hard cap on bytes buffered, all connections
  ReassemblyLimits reassembly_limits;
  FragmentLimits fragments;  // IP fragment reassembly; fragments.max_bytes 0: off
};

struct FlowTableOptions {
  TrackingLimits limits;
  // Shapes learned by an earlier pass over the same capture, by stream.
  const std::vector<ConnectionShape>* shapes = nullptr;
  bool shapes_unknown = false;  // streaming: teardown step counts are not known in advance
  bool reassemble = true;       // rebuild byte streams (missed bytes, overlaps, follow, HTTP)
};

// Why a connection left the table.
enum class Retirement : std::uint8_t {
  time_wait_over,  // finished, and kept for time_wait_seconds
  idle,            // open, and silent for idle_timeout
  table_full,      // the longest idle when max_connections was reached
  end_of_capture,
};

class FlowTable {
 public:
  // Told about each connection as it leaves; the reference is valid for the
  // call only. idle: seconds since its last packet, by the capture clock.
  using RetireHandler = std::function<void(Connection&, Retirement, double idle)>;

  explicit FlowTable(FlowTableOptions options = {});
  FlowTable(const FlowTable&) = delete;
  FlowTable& operator=(const FlowTable&) = delete;

  // Adds a handler called as each connection leaves (several: each in the
  // order added, e.g. a printer and a --log file).
  void on_retire(RetireHandler handler) { on_retire_.push_back(std::move(handler)); }

  // The connection this packet belongs to, created if needed. Connections
  // due to leave by the packet's time leave first.
  Connection& connection_for(const DecodedPacket& pkt) { return connection_for(pkt, pkt.frame->ts.seconds()); }
  // ... with expiry by the capture's clock at this packet (CaptureClock).
  Connection& connection_for(const DecodedPacket& pkt, double clock);
  // Retires what is due at `now` (live capture, when no packet comes).
  void expire(double now);
  // The end of the capture: every connection left, in stream order.
  void retire_all();

  // Connections started so far (the next stream number).
  [[nodiscard]] std::uint64_t streams() const { return next_stream_; }
  [[nodiscard]] std::size_t open_count() const { return slots_.size() - free_slots_.size(); }
  [[nodiscard]] std::size_t peak_open() const { return peak_open_; }
  // Connections that left the table so far for this reason.
  [[nodiscard]] std::uint64_t retired(Retirement why) const { return retired_[static_cast<std::size_t>(why)]; }
  // Reassembly buffers in use now and at most, all connections.
  [[nodiscard]] const BufferBudget& buffer_budget() const { return budget_; }
  // IP fragments waiting for the rest of their datagram (the step before
  // connections: a fragmented segment reaches connection_for rebuilt).
  [[nodiscard]] IpReassembler& ip_fragments() { return ip_fragments_; }
  [[nodiscard]] const IpReassembler& ip_fragments() const { return ip_fragments_; }
  // UDP flows, counted beside the TCP connections.
  [[nodiscard]] UdpFlowTable& udp_flows() { return udp_flows_; }
  [[nodiscard]] const UdpFlowTable& udp_flows() const { return udp_flows_; }

 private:
  static constexpr std::uint32_t kNone = UINT32_MAX;
  // Least recently seen first: one list of open connections, one of finished ones.
  struct Queue {
    std::uint32_t head = kNone;
    std::uint32_t tail = kNone;
  };
  struct Slot {
    std::unique_ptr<Connection> conn;
    std::uint32_t prev = kNone;
    std::uint32_t next = kNone;
    // The table's clock at its last packet: what idleness is measured
    // from. It is the packet's time unless timestamps stepped back; being
    // monotonic it keeps each queue in time order, so the heads are always
    // the first due (and a sharded run retires exactly what one table does).
    double active = 0;
    std::uint32_t hash = 0;  // its index entry's
    bool finished = false;   // the queue it is in
  };

  // hash: the packet's flow_hash, which connection_for has already computed.
  Connection& create(const DecodedPacket& pkt, std::uint32_t hash, ConnectionOrigin origin);
  [[nodiscard]] ConnectionOrigin reuse_origin(const Connection& old, const DecodedPacket& pkt) const;
  Queue& queue(bool finished) { return finished ? finished_ : open_queue_; }
  void unlink(std::uint32_t slot);
  void push_back(std::uint32_t slot);  // as most recently seen, in the queue its state says
  void retire(std::uint32_t slot, Retirement why);
  void requeue_latest();  // the connection of the last packet, if that packet finished it
  void expire_queue(bool finished, double timeout);
  void make_room();

  FlowTableOptions options_;
  BufferBudget budget_;  // before the slots: connections give their bytes back when destroyed
  std::vector<RetireHandler> on_retire_;
  FlowIndex index_;  // to slots_
  std::vector<Slot> slots_;
  std::vector<std::uint32_t> free_slots_;
  Queue open_queue_;
  Queue finished_;
  std::uint32_t latest_ = kNone;  // the slot of the last packet's connection
  std::uint64_t next_stream_ = 0;
  double now_ = 0;  // the latest packet time seen
  std::size_t peak_open_ = 0;
  std::array<std::uint64_t, 4> retired_{};  // by Retirement
  RetiredTuples retired_tuples_;
  CarrierCatalogue carriers_;
  IpReassembler ip_fragments_;
  UdpFlowTable udp_flows_;
};

// The packet is between the connection's two endpoints (either way).
bool between_endpoints_of(const Connection& c, const DecodedPacket& pkt);

// A SYN that cannot belong to the existing connection on its tuple.
bool starts_new_connection(const Connection& existing, const DecodedPacket& pkt);

// A first pass over a capture: the shape of each connection, by stream.
class ShapeLearner {
 public:
  explicit ShapeLearner(FlowTable& table);
  [[nodiscard]] std::vector<ConnectionShape> take() { return std::move(shapes_); }

 private:
  std::vector<ConnectionShape> shapes_;
};

}  // namespace tcplens
