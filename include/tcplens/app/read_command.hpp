// tcplens read: tcpdump-identical TCP lines, annotated unless --plain.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tcplens/app/exit_code.hpp"
#include "tcplens/app/flow_logs.hpp"
#include "tcplens/app/pipeline.hpp"
#include "tcplens/render/timestamp_text.hpp"

namespace tcplens {

struct ReadOptions {
  PipelineConfig pipeline;  // tracking bounds and analyzers, from the command line
  std::vector<std::string> files;
  std::string filter;
  TimestampStyle timestamps = TimestampStyle::local_time;
  bool absolute_seq = false;  // -S
  bool nano = false;          // --nano / --time-stamp-precision=nano
  bool plain = false;         // tcpdump lines only
  bool quiet_summary = false;
  bool json = false;                         // NDJSON packet and flow records
  bool color = false;                        // ANSI colour in annotations
  std::optional<std::uint64_t> max_packets;  // -c
  std::vector<FlowLogSpec> logs;             // --log FORMAT=FILE: flow records to files, as connections close
};

ExitCode run_read(const ReadOptions& options);

// --color=auto|always|never; auto: a terminal and no NO_COLOR.
bool use_color(const std::string& mode);

}  // namespace tcplens
