#include "tcplens/app/read_command.hpp"

#include <unistd.h>

#include <cstdio>

#include "tcplens/app/capture_run.hpp"
#include "tcplens/app/output.hpp"
#include "tcplens/app/read_sink.hpp"
#include "tcplens/app/stream_order.hpp"
#include "tcplens/flow/tcpdump_seq_table.hpp"
#include "tcplens/render/annotation_text.hpp"
#include "tcplens/render/close_out_text.hpp"
#include "tcplens/render/record_json.hpp"
#include "tcplens/render/tcpdump_line.hpp"

namespace tcplens {

namespace {

bool read_one(const std::string& path, const ReadOptions& options, Output& out, FlowLogs& logs, std::uint64_t& budget) {
  CaptureRunOptions run;
  run.pipeline = options.pipeline;
  run.path = path;
  run.filter = options.filter;
  run.nano = options.nano;
  run.track = !options.plain;
  if (budget != UINT64_MAX) run.max_packets = budget;

  std::vector<ConnectionShape> shapes;
  FlowTable table(run.track ? printing_pass_options(run, shapes) : run.pipeline.table_options());
  ReadSink sink(options, out);
  StreamOrderedOutput records(out);
  table.on_retire([&](Connection& c, Retirement why, double idle) {
    if (!options.json && !options.plain && is_close_out(why)) {
      render_close_out(out.buffer(), c.stream(), why, idle);
      out.end_record();
    }
    if (!options.json && logs.empty()) return;
    const FlowRecord f = make_flow_record(c);  // once, for the JSON output and the logs
    if (options.json) {
      records.put(c.stream(), [&](TextBuffer& b) {
        render_flow_json(b, f);
        b.push_back('\n');
      });
    }
    logs.put(f);
  });
  logs.begin_capture();
  const CaptureRunResult result = run_capture(run, &table, sink);
  table.retire_all();
  logs.end_capture(table.udp_flows());
  out.flush();
  budget -= std::min(budget, result.stats.packets);
  if (!options.quiet_summary) print_capture_summary(path, result);
  return result.ok;
}

}  // namespace

ExitCode run_read(const ReadOptions& options) {
  FlowLogs logs;
  if (!logs.open(options.logs)) return ExitCode::output;
  Output out;
  std::uint64_t budget = options.max_packets.value_or(UINT64_MAX);
  bool all_ok = true;
  for (const auto& path : options.files) {
    if (!read_one(path, options, out, logs, budget)) all_ok = false;
    if (!out.ok() || budget == 0) break;
  }
  out.flush();
  if (!logs.close()) return ExitCode::output;
  return all_ok ? ExitCode::ok : ExitCode::input;
}

bool use_color(const std::string& mode) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  return std::getenv("NO_COLOR") == nullptr && isatty(STDOUT_FILENO) == 1;
}

}  // namespace tcplens
