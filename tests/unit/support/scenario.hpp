// Builds TCP conversations segment by segment, with every sequence number
// offset from chosen ISNs, and runs them through the pipeline's TCP step
// (track_segment: flow table, state machines, reassembly, analyzers). Scenarios run
// at ISNs near 2^32 too, so that wraparound is covered everywhere.
#pragma once
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "support/frames.hpp"
#include "tcplens/app/pipeline.hpp"
#include "tcplens/flow/flow_table.hpp"

namespace tcplens::testing {

inline constexpr std::uint32_t kIsns[] = {0u, 1000u, 0x80000000u, 0xFFFFFFFFu, 0xFFFFFFFEu, 0xFFFFFFF0u, 0xFFFFFF00u};

class Scenario {
 public:
  Scenario(std::uint32_t client_isn, std::uint32_t server_isn) : c_isn_(client_isn), s_isn_(server_isn) {
    table_.on_retire([this](Connection& c, Retirement, double) { open_.erase(c.stream()); });
  }

  // seq and ack are relative (SYN = 0) to the sender's and receiver's ISN.
  PacketReport client(std::uint8_t flags, std::uint32_t seq, std::uint32_t ack, std::size_t len = 0) {
    return send(true, flags, c_isn_ + seq, s_isn_ + ack, len);
  }
  PacketReport server(std::uint8_t flags, std::uint32_t seq, std::uint32_t ack, std::size_t len = 0) {
    return send(false, flags, s_isn_ + seq, c_isn_ + ack, len);
  }
  FlowTable& table() { return table_; }
  // The next packet's time in seconds (otherwise 1000 + its frame number).
  void at(std::int64_t seconds) { at_ = seconds; }
  // The next packet's TCP options.
  void options(capgen::Bytes o) { options_ = std::move(o); }
  // A connection still in the table, by stream number.
  const Connection& connection(std::size_t stream = 0) { return *open_.at(stream); }

 private:
  PacketReport send(bool from_client, std::uint8_t flags, std::uint32_t seq, std::uint32_t ack, std::size_t len) {
    capgen::TcpSpec t;
    t.seq = seq;
    t.ack = (flags & capgen::flag::ack) != 0 ? ack : 0;
    t.flags = flags;
    t.window = 1000;
    t.payload.assign(len, 'x');
    t.options = std::move(options_);
    options_.clear();
    frames_.push_back(client_server_frame(from_client, 40000, t));
    OwnedFrame& f = *frames_.back();
    f.frame.number = frames_.size();
    f.frame.ts = Timestamp{at_.value_or(1000 + static_cast<std::int64_t>(frames_.size())), 0, false};
    at_.reset();
    const DecodedPacket pkt = f.decode(1);
    PacketReport report;
    Connection& c = track_segment(config_, table_, pkt, pkt.frame->ts.seconds(), report);
    open_[c.stream()] = &c;
    return report;
  }

  std::optional<std::int64_t> at_;
  capgen::Bytes options_;
  std::uint32_t c_isn_;
  std::uint32_t s_isn_;
  PipelineConfig config_;
  FlowTable table_{config_.table_options()};
  std::map<std::uint64_t, const Connection*> open_;
  std::vector<std::unique_ptr<OwnedFrame>> frames_;
};

}  // namespace tcplens::testing
