// The interface every application analyzer implements (as Zeek's analyzer
// tree and Suricata's app-layer parsers do): it is given each side's bytes
// in stream order, told where bytes are missing and where a side ends, and
// writes what it finds on the packet report. An analyzer can hand the
// connection over to another one (HTTP -> WebSocket after 101). Analyzers
// are created by the registry (analyzer_registry.hpp).
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "tcplens/analysis/app_findings.hpp"
#include "tcplens/core/bytes.hpp"
#include "tcplens/tcp/tcp_state.hpp"

namespace tcplens {

struct FlowRecord;

// What the run looks for in every connection's bytes (from the command line).
struct AnalyzerConfig {
  std::optional<FramingSpec> framing;  // --framing lenprefix:...
};

// The packet that delivers bytes: its frame number and capture time.
struct Delivery {
  std::uint64_t frame = 0;
  double time = 0;
};

class AppAnalyzer {
 public:
  AppAnalyzer() = default;
  AppAnalyzer(const AppAnalyzer&) = delete;
  AppAnalyzer& operator=(const AppAnalyzer&) = delete;
  virtual ~AppAnalyzer() = default;

  // In-order bytes of one side. Returns how many it read: all of them,
  // unless it handed the connection over part-way (the rest belongs to
  // the analyzer named by handover()).
  virtual std::size_t deliver(Role side, Bytes data, const Delivery& at, AppFindings& out) = 0;
  // Bytes of one side that will never be delivered (lost, not captured, or
  // sent before this analyzer started).
  virtual void gap(Role side) = 0;
  // The side closed (FIN or RST): what was read until close ends here.
  virtual void end_of_stream(Role /*side*/, AppFindings& /*out*/) {}

  // Takes no more bytes: the protocol was ruled out, lost, or handed over.
  [[nodiscard]] virtual bool done() const = 0;
  // Found something the flow record reports (a done analyzer that found
  // nothing is dropped, to keep memory per connection small).
  [[nodiscard]] virtual bool found_anything() const = 0;
  // The registry name of the analyzer that takes the connection over, once
  // this one saw the switch ("" until then, and when nothing does).
  [[nodiscard]] virtual std::string_view handover() const { return {}; }
  // Zeek's service name once the protocol is confirmed ("" until then).
  [[nodiscard]] virtual std::string_view service() const { return {}; }
  // Writes this analyzer's fields of the flow record.
  virtual void summarize(FlowRecord& /*record*/) const {}
};

}  // namespace tcplens
