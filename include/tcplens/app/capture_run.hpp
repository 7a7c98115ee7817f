// Reading a capture file through the pipeline (app/pipeline.hpp): open it
// with its filter, run every frame through, report how the read ended.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "tcplens/analysis/flow_record.hpp"
#include "tcplens/app/capture_stats.hpp"
#include "tcplens/app/pipeline.hpp"
#include "tcplens/capture/pcap_file.hpp"
#include "tcplens/capture/raw_frame.hpp"
#include "tcplens/flow/flow_table.hpp"

namespace tcplens {

struct CaptureRunOptions {
  PipelineConfig pipeline;
  std::string path;
  std::string filter;
  bool nano = false;
  bool track = true;
  bool quiet = false;  // a pass whose errors the next pass reports: say nothing
  std::optional<std::uint64_t> max_packets;
};

struct CaptureRunResult {
  bool ok = true;      // false: the file could not be opened or read to its end (already reported)
  bool opened = true;  // false: not even opened, so there is no summary to give
  CaptureStats stats;
};

// Opens the capture with its filter; false (after saying why) if it cannot
// be read or its link type is not one tcplens decodes.
bool open_capture(const CaptureRunOptions& options, std::optional<PcapFile>& capture);

// After the last frame: a read error is reported (with the packets read
// before it) and makes the run fail.
void note_read_end(const CaptureRunOptions& options, ReadStatus status, const PcapFile& capture,
                   CaptureRunResult& result);

// table may be null when options.track is false.
CaptureRunResult run_capture(const CaptureRunOptions& options, FlowTable* table, PacketSink& sink);

// The flow record of every connection of a capture, in stream order,
// appended to `records`; false if the capture could not be read fully
// (already reported).
bool flow_records(const PipelineConfig& config, const std::string& path, std::vector<FlowRecord>& records);

// Options for the table of a printing pass: with the shape of each
// connection learned by a first pass when the capture can be read twice
// (kept in `shapes`), streaming otherwise.
FlowTableOptions printing_pass_options(const CaptureRunOptions& run, std::vector<ConnectionShape>& shapes);

// "tcplens: FILE: message" on stderr: the one format for input errors
// (the file name and message escaped, as every text from outside is).
void report_input_error(const std::string& file, const std::string& message);

// "tcplens: FILE: N packets, ..." on stderr, unless the file never opened.
void print_capture_summary(const std::string& file, const CaptureRunResult& result);

// True when the path can be read twice (a regular file, not stdin or a FIFO).
bool can_read_twice(const std::string& path);

}  // namespace tcplens
