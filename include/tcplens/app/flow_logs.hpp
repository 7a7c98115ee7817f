// Flow-record sinks beside a command's own output (read, live, flows,
// timeline): each `--log FORMAT=FILE` writes every connection's record to
// FILE in one of the flows formats, as connections close: the TCP
// connections of each capture in stream order, then its UDP flows. Several
// at once: `--log zeek=conn.log --log csv=flows.csv`.
#pragma once
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tcplens/analysis/flow_record.hpp"
#include "tcplens/app/output.hpp"
#include "tcplens/app/stream_order.hpp"
#include "tcplens/flow/udp_flows.hpp"
#include "tcplens/render/flow_writer.hpp"

namespace tcplens {

struct FlowLogSpec {
  std::string format;  // a name of render/flow_writer's registry
  std::string path;
};

// "zeek=conn.log"; nullopt when the format is unknown or the file missing.
std::optional<FlowLogSpec> parse_flow_log(const std::string& text);

class FlowLogs {
 public:
  FlowLogs() = default;
  FlowLogs(const FlowLogs&) = delete;
  FlowLogs& operator=(const FlowLogs&) = delete;
  ~FlowLogs();

  // Opens every file (each format's header written); false, after one line
  // on stderr naming the file, when one cannot be written. line_buffered:
  // each record reaches the file as it is written (live capture).
  bool open(const std::vector<FlowLogSpec>& specs, bool line_buffered = false);
  [[nodiscard]] bool empty() const { return logs_.empty(); }

  // A capture's records: TCP ones in any order (written in stream order),
  // then its UDP flows at end_capture.
  void begin_capture();
  void put(const FlowRecord& record);
  void end_capture(const UdpFlowTable& udp);
  // Writes the formats' ends and closes the files; false (reported) when
  // one could not be written to its end.
  bool close();

 private:
  struct Log {
    FlowLogSpec spec;
    std::FILE* file = nullptr;
    std::unique_ptr<Output> out;
    std::unique_ptr<FlowWriter> writer;
    std::unique_ptr<StreamOrderedOutput> order;  // this capture's
  };
  std::vector<Log> logs_;
};

}  // namespace tcplens
