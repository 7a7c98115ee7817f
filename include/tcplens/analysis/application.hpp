// The application layer of a connection: offers each side's first bytes to
// the registry's probes, starts the analyzers that accept them, hands every
// later byte, gap and close to them in stream order, and hands over when an
// analyzer says another protocol takes the connection (HTTP -> WebSocket).
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "tcplens/analysis/analyzer_registry.hpp"
#include "tcplens/analysis/app_analyzer.hpp"
#include "tcplens/analysis/segment_delivery.hpp"
#include "tcplens/analysis/service_probe.hpp"
#include "tcplens/tcp/connection.hpp"

namespace tcplens {

// The analyzers one connection runs, kept with it.
class ApplicationState final : public ConnectionExtension {
 public:
  static constexpr std::uint8_t kKind = 1;
  ApplicationState() : ConnectionExtension(kKind) {}

  void analyze(const AnalyzerConfig& config, const Connection& conn, const SegmentDelivery& segment, AppFindings& out);
  // Zeek's service names: the analyzers' confirmations, else the probe's guess.
  [[nodiscard]] std::string service(bool midstream) const;
  void summarize(FlowRecord& record) const;
  [[nodiscard]] std::size_t analyzers() const { return slots_.size(); }

 private:
  struct Slot {
    const AnalyzerEntry* entry = nullptr;
    std::unique_ptr<AppAnalyzer> analyzer;
    bool handed_over = false;
  };
  void first_bytes(const AnalyzerConfig& config, Role side, Bytes bytes);
  void deliver(const AnalyzerConfig& config, Role side, Bytes bytes, const Delivery& at, AppFindings& out);
  void take_over(const AnalyzerConfig& config, std::string_view name, Role side, Bytes rest, const Delivery& at,
                 AppFindings& out);
  [[nodiscard]] bool running(const AnalyzerEntry* entry) const;

  ServiceProbe probe_;
  bool started_[2] = {false, false};  // the side's stream was offered to the probes (or began with a gap)
  std::vector<Slot> slots_;
};

// Runs the connection's analyzers on what the segment delivered.
void analyze_application(const AnalyzerConfig& config, Connection& conn, const SegmentDelivery& segment,
                         AppFindings& out);

// The application fields of the connection's flow record (service included).
void summarize_application(const Connection& conn, FlowRecord& record);

}  // namespace tcplens
