#include "tcplens/app/capture_run.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "tcplens/app/output.hpp"
#include "tcplens/capture/pcap_file.hpp"
#include "tcplens/flow/capture_clock.hpp"
#include "tcplens/render/visible_text.hpp"

namespace tcplens {

void report_input_error(const std::string& file, const std::string& message) {
  flush_standard_output();
  std::fprintf(stderr, "tcplens: %s: %s\n", visible(file).c_str(), visible(message).c_str());
}

void print_capture_summary(const std::string& file, const CaptureRunResult& result) {
  if (!result.opened) return;  // the error said what there is to say
  std::fprintf(stderr, "tcplens: %s: %s\n", visible(file).c_str(), result.stats.summary().c_str());
}

bool can_read_twice(const std::string& path) {
  std::error_code ec;
  return path != "-" && std::filesystem::is_regular_file(path, ec);
}

bool flow_records(const PipelineConfig& config, const std::string& path, std::vector<FlowRecord>& records) {
  CaptureRunOptions run;
  run.path = path;
  run.pipeline = config;
  FlowTable table(config.table_options());
  const std::size_t first = records.size();
  table.on_retire([&](Connection& c, Retirement, double) { records.push_back(make_flow_record(c)); });
  DiscardSink sink;
  const auto result = run_capture(run, &table, sink);
  table.retire_all();
  std::sort(records.begin() + static_cast<std::ptrdiff_t>(first), records.end(),
            [](const FlowRecord& a, const FlowRecord& b) { return a.stream < b.stream; });
  return result.ok;
}

FlowTableOptions printing_pass_options(const CaptureRunOptions& run, std::vector<ConnectionShape>& shapes) {
  FlowTableOptions options = run.pipeline.table_options();
  if (!can_read_twice(run.path)) {
    options.shapes_unknown = true;
    return options;
  }
  FlowTable learner(run.pipeline.table_options());
  ShapeLearner learned(learner);
  DiscardSink nothing;
  CaptureRunOptions quiet = run;
  quiet.quiet = true;  // errors are reported by the printing pass
  run_capture(quiet, &learner, nothing);
  learner.retire_all();
  shapes = learned.take();
  options.shapes = &shapes;
  return options;
}

bool open_capture(const CaptureRunOptions& options, std::optional<PcapFile>& capture) {
  try {
    capture.emplace(options.path, options.nano);
    if (!options.filter.empty()) capture->set_filter(options.filter);
  } catch (const CaptureError& e) {
    if (!options.quiet) report_input_error(options.path, e.what());
    return false;
  }
  if (!link_type_supported(capture->link_type())) {
    if (options.quiet) return false;
    report_input_error(options.path,
                       fmt::format("unsupported link type {} (tcplens reads Ethernet, Linux cooked v1/v2, "
                                   "BSD loopback, raw IP, PPP, Cisco HDLC, 802.11, radiotap, NFLOG, IPoIB, "
                                   "ARCNET and Juniper Ethernet)",
                                   capture->link_type_name()));
    return false;
  }
  return true;
}

void note_read_end(const CaptureRunOptions& options, ReadStatus status, const PcapFile& capture,
                   CaptureRunResult& result) {
  if (status != ReadStatus::error) return;
  result.ok = false;
  if (options.quiet) return;
  report_input_error(options.path, fmt::format("{} (after {} packets)", capture.error(), result.stats.packets));
}

CaptureRunResult run_capture(const CaptureRunOptions& options, FlowTable* table, PacketSink& sink) {
  std::optional<PcapFile> capture;
  if (!open_capture(options, capture)) return {false, false, {}};
  CaptureRunResult result;
  const int dlt = capture->link_type();
  std::uint64_t budget = options.max_packets.value_or(UINT64_MAX);
  RawFrame frame;
  ReadStatus status = ReadStatus::end;
  FlowTable* tracking = options.track ? table : nullptr;
  Pipeline pipeline(options.pipeline, tracking, sink, result.stats);
  ClockedFrames frames;
  const auto process = [&](const RawFrame& f, double clock) { pipeline.frame(dlt, f, clock); };
  while (budget > 0 && sink.wants_more() && (status = capture->next(frame)) == ReadStatus::frame) {
    --budget;
    frames.offer(frame, process);
  }
  frames.finish(process);
  result.stats.clock_outliers = frames.outliers();
  if (table != nullptr) {
    result.stats.closed_out_idle = table->retired(Retirement::idle);
    result.stats.closed_out_table_full = table->retired(Retirement::table_full);
    if (tracking != nullptr && table->ip_fragments().enabled())
      result.stats.note_fragments(table->ip_fragments().stats());
  }
  note_read_end(options, status, *capture, result);
  return result;
}

}  // namespace tcplens
