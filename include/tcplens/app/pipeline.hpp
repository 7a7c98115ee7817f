// The one path every packet takes: decode -> IP reassembly -> flow table
// -> TCP (endpoint state machines, sequence space, reassembly) and UDP flows
// -> application analyzers -> the sink. Files and live capture run a
// Pipeline; the --threads shards, the unit-test scenarios and the fuzzers
// run its TCP step, track_segment. A run's settings come in one
// PipelineConfig, made from the command line: nothing is global.
#pragma once
#include <optional>

#include "tcplens/analysis/app_analyzer.hpp"
#include "tcplens/app/capture_stats.hpp"
#include "tcplens/capture/raw_frame.hpp"
#include "tcplens/decode/decoded_packet.hpp"
#include "tcplens/events/packet_report.hpp"
#include "tcplens/flow/flow_table.hpp"

namespace tcplens {

struct PipelineConfig {
  TrackingLimits tracking;   // flow table, reassembly and IP fragment bounds (--idle-timeout, ...)
  AnalyzerConfig analyzers;  // what the application layer looks for (--framing)

  [[nodiscard]] FlowTableOptions table_options() const {
    FlowTableOptions o;
    o.limits = tracking;
    return o;
  }
};

// Where tracked packets go: the command's printer, collector or nothing.
class PacketSink {
 public:
  virtual ~PacketSink() = default;
  // Every TCP packet; report and connection are null when tracking is off
  // or the segment cannot be analysed (truncated header).
  virtual void on_tcp(const DecodedPacket& pkt, const PacketReport* report, const Connection* conn) = 0;
  // A first IP fragment, held until its datagram is whole: its segment
  // comes again, rebuilt, on the frame that completes it.
  virtual void on_held_fragment(const DecodedPacket& pkt) { on_tcp(pkt, nullptr, nullptr); }
  // Every frame, after on_tcp (for timestamp deltas, which count all frames).
  virtual void after_frame(const RawFrame&) {}
  // False to stop reading (closed output).
  [[nodiscard]] virtual bool wants_more() const { return true; }
};

// A sink that prints nothing: for passes that only fill the flow table.
class DiscardSink final : public PacketSink {
 public:
  void on_tcp(const DecodedPacket&, const PacketReport*, const Connection*) override {}
};

// The TCP step: the segment's connection (expiring what is due at `clock`),
// its endpoints' state machines and reassembly, then the application
// analyzers on the bytes it delivered. `report` says what it all meant.
Connection& track_segment(const PipelineConfig& config, FlowTable& table, const DecodedPacket& pkt, double clock,
                          PacketReport& report);

class Pipeline {
 public:
  // table null: decode and count only (read --plain).
  Pipeline(const PipelineConfig& config, FlowTable* table, PacketSink& sink, CaptureStats& stats)
      : config_(config), table_(table), sink_(sink), stats_(stats) {}

  // Decodes one frame, counts it, tracks it and hands it to the sink.
  // clock: the capture clock at this frame (files); none: the frame's own
  // time (live).
  void frame(int dlt, const RawFrame& frame, std::optional<double> clock = std::nullopt);

 private:
  const PipelineConfig& config_;
  FlowTable* table_;
  PacketSink& sink_;
  CaptureStats& stats_;
  PacketReport report_;
};

}  // namespace tcplens
