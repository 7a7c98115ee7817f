// tcplens flows and tcplens timeline: per-connection views of a capture.
#pragma once
#include <string>
#include <vector>

#include "tcplens/app/exit_code.hpp"
#include "tcplens/app/flow_logs.hpp"
#include "tcplens/app/pipeline.hpp"

namespace tcplens {

struct SummaryOptions {
  PipelineConfig pipeline;  // tracking bounds and analyzers, from the command line
  std::vector<std::string> files;
  std::string filter;
  bool json = false;
  std::string format = "table";  // flows: a name from render/flow_writer's registry (--json: json)
  std::string output_file;       // flows -o: write there instead of standard output
  bool color = false;
  bool nano = false;
  unsigned threads = 0;           // flows: tracking threads (0: track in the reading thread)
  std::vector<FlowLogSpec> logs;  // --log FORMAT=FILE: flow records to files too
};

ExitCode run_flows(const SummaryOptions& options);
ExitCode run_timeline(const SummaryOptions& options);

}  // namespace tcplens
