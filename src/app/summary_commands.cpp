#include "tcplens/app/summary_commands.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <unordered_map>

#include "tcplens/analysis/udp_flow_record.hpp"
#include "tcplens/app/capture_run.hpp"
#include "tcplens/app/output.hpp"
#include "tcplens/app/sharded_flows.hpp"
#include "tcplens/app/stream_order.hpp"
#include "tcplens/render/flow_writer.hpp"
#include "tcplens/render/flows_table.hpp"
#include "tcplens/render/json_writer.hpp"
#include "tcplens/render/record_json.hpp"
#include "tcplens/render/timeline_text.hpp"

namespace tcplens {

namespace {

constexpr std::size_t kMaxEventsPerConnection = 64;

bool is_event(const PacketReport& r) {
  if (!r.changes.empty()) return true;
  for (const auto& a : r.annotations) {
    if (a.code != AnnotationCode::data && !locates_loss(a.code)) return true;
  }
  return false;
}

// Keeps, per connection, the packets that do something and condenses the rest.
class TimelineCollector final : public PacketSink {
 public:
  void on_tcp(const DecodedPacket& pkt, const PacketReport* report, const Connection*) override {
    if (report == nullptr) return;
    ConnectionTimeline& t = timelines_[report->stream];
    const Timestamp& ts = pkt.frame->ts;
    const double idle = t.entries.empty() ? 0 : ts.seconds() - last_seen(t).seconds();
    if (is_event(*report) && t.entries.size() < kMaxEventsPerConnection) {
      TimelineEntry e;
      e.report = *report;
      e.ts = ts;
      e.idle_before = idle;
      t.entries.push_back(std::move(e));
      return;
    }
    if (t.entries.empty() || !t.entries.back().quiet) {
      TimelineEntry q;
      q.quiet = true;
      q.first = q.last = ts;
      t.entries.push_back(q);
    }
    TimelineEntry& q = t.entries.back();
    q.longest_idle = std::max(q.longest_idle, ts.seconds() - q.last.seconds());
    q.last = ts;
    ++q.segments;
    q.bytes[report->sender == Role::orig ? 0 : 1] += report->payload;
  }
  // The timeline of a connection that left the table (empty if it had no packet).
  ConnectionTimeline take(std::uint64_t stream) {
    const auto it = timelines_.find(stream);
    if (it == timelines_.end()) return {};
    ConnectionTimeline t = std::move(it->second);
    timelines_.erase(it);
    return t;
  }

 private:
  static const Timestamp& last_seen(const ConnectionTimeline& t) {
    const TimelineEntry& e = t.entries.back();
    return e.quiet ? e.last : e.ts;
  }

  std::unordered_map<std::uint64_t, ConnectionTimeline> timelines_;  // open connections, by stream
};

CaptureRunOptions run_options(const SummaryOptions& o, const std::string& path) {
  CaptureRunOptions run;
  run.pipeline = o.pipeline;
  run.path = path;
  run.filter = o.filter;
  run.nano = o.nano;
  return run;
}

EndpointNames names_of(const FlowRecord& f) {
  return {endpoint_text(f.orig_h, f.orig_p), endpoint_text(f.resp_h, f.resp_p)};
}

}  // namespace

namespace {

// Where flows writes: standard output, or -o FILE (closed at the end).
class OutputFile {
 public:
  explicit OutputFile(const std::string& path) {
    if (path.empty()) return;
    file_ = std::fopen(path.c_str(), "wb");
    if (file_ == nullptr) error_ = errno;
  }
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;
  ~OutputFile() { close(); }
  [[nodiscard]] std::FILE* stream() const { return file_ != nullptr ? file_ : stdout; }
  [[nodiscard]] int open_error() const { return error_; }
  // False when the file could not be written to its end.
  bool close() {
    if (file_ == nullptr) return true;
    const bool ok = std::fclose(file_) == 0;
    file_ = nullptr;
    return ok;
  }

 private:
  std::FILE* file_ = nullptr;
  int error_ = 0;
};

}  // namespace

ExitCode run_flows(const SummaryOptions& options) {
  const FlowFormat* format = find_flow_format(options.format);
  if (format == nullptr) {
    std::fprintf(stderr, "tcplens: unknown format '%s' (known: %s)\n", options.format.c_str(),
                 flow_format_names().c_str());
    return ExitCode::usage;
  }
  OutputFile file(options.output_file);
  if (file.open_error() != 0) {
    report_input_error(options.output_file, fmt::format("cannot write: {}", std::strerror(file.open_error())));
    return ExitCode::output;
  }
  FlowLogs logs;
  if (!logs.open(options.logs)) return ExitCode::output;
  bool ok = true;
  bool written = true;
  {
    Output out(file.stream());
    // One log for all files (Zeek's header once; CSV's header row once).
    const std::unique_ptr<FlowWriter> writer = format->make();
    writer->begin(out.buffer());
    for (const auto& path : options.files) {
      StreamOrderedOutput records(out);
      logs.begin_capture();
      const auto put = [&](const FlowRecord& f) {
        records.put(f.stream, [&](TextBuffer& b) { writer->row(b, f); });
        if (!logs.empty()) logs.put(f);
      };
      CaptureRunResult result;
      UdpFlowTable udp_flows;
      const UdpFlowTable* udp = &udp_flows;
      std::optional<FlowTable> table;
      if (options.threads > 0) {
        result = run_sharded_flows(run_options(options, path), options.threads, put, &udp_flows);
      } else {
        table.emplace(options.pipeline.table_options());
        table->on_retire([&](Connection& c, Retirement, double) { put(make_flow_record(c)); });
        DiscardSink sink;
        result = run_capture(run_options(options, path), &*table, sink);
        table->retire_all();
        udp = &table->udp_flows();
      }
      // UDP flows after the TCP connections, in the order they began.
      for (const UdpFlow& u : udp->flows()) {
        writer->row(out.buffer(), make_udp_flow_record(u));
        out.end_record();
      }
      logs.end_capture(*udp);
      result.stats.udp_flows = udp->flows().size();
      result.stats.udp_flows_not_kept = udp->not_kept();
      ok = ok && result.ok;
      out.flush();
      print_capture_summary(path, result);
    }
    writer->end(out.buffer());
    out.flush();
    written = out.ok();
  }
  if (!file.close() || (!written && !options.output_file.empty())) {
    report_input_error(options.output_file, "write failed");
    return ExitCode::output;
  }
  if (!logs.close()) return ExitCode::output;
  return ok ? ExitCode::ok : ExitCode::input;
}

ExitCode run_timeline(const SummaryOptions& options) {
  FlowLogs logs;
  if (!logs.open(options.logs)) return ExitCode::output;
  Output out;
  bool ok = true;
  const TextStyle style{options.color};
  for (const auto& path : options.files) {
    std::vector<ConnectionShape> shapes;
    FlowTable table(printing_pass_options(run_options(options, path), shapes));
    TimelineCollector collector;
    StreamOrderedOutput records(out);
    table.on_retire([&](Connection& c, Retirement, double) {
      const FlowRecord f = make_flow_record(c);  // once, for the timeline and the logs
      logs.put(f);
      const ConnectionTimeline t = collector.take(c.stream());
      records.put(c.stream(), [&](TextBuffer& b) {
        if (options.json) {
          JsonObject o(b);
          render_flow_fields(o, f);
          TextBuffer& events = o.raw_field("events");
          events.push_back('[');
          bool first = true;
          for (const auto& e : t.entries) {
            if (e.quiet) continue;
            if (!first) events.push_back(',');
            first = false;
            render_packet_json(events, e.report, e.ts);
          }
          events.push_back(']');
        } else {
          render_timeline(b, f, names_of(f), t, style);
        }
        if (options.json) b.push_back('\n');
      });
    });
    logs.begin_capture();
    const auto result = run_capture(run_options(options, path), &table, collector);
    table.retire_all();
    logs.end_capture(table.udp_flows());
    ok = ok && result.ok;
    out.flush();
    print_capture_summary(path, result);
  }
  out.flush();
  if (!logs.close()) return ExitCode::output;
  return ok ? ExitCode::ok : ExitCode::input;
}

}  // namespace tcplens
