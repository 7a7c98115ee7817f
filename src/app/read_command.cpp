#include "tcplens/app/read_command.hpp"

#include <unistd.h>

#include <cstdio>

#include "tcplens/app/capture_run.hpp"
#include "tcplens/app/output.hpp"
#include "tcplens/flow/tcpdump_seq_table.hpp"
#include "tcplens/render/annotation_text.hpp"
#include "tcplens/render/record_json.hpp"
#include "tcplens/render/tcpdump_line.hpp"

namespace tcplens {

namespace {

EndpointNames names_of(const Connection& c) {
  return {endpoint_text(c.orig().address, c.orig().port), endpoint_text(c.resp().address, c.resp().port)};
}

// Prints a tcpdump line per TCP packet, and under it what the packet means
// (or, with --json, one NDJSON record per packet and per connection).
class ReadSink final : public PacketSink {
 public:
  ReadSink(const ReadOptions& options, Output& out)
      : options_(options), out_(out), seq_table_(options.absolute_seq), style_{options.color} {}

  void on_tcp(const DecodedPacket& pkt, const PacketReport* report, const Connection* conn) override {
    if (options_.json) {
      if (report != nullptr) {
        render_packet_json(out_.buffer(), *report, pkt.frame->ts);
        out_.buffer().push_back('\n');
        out_.end_record();
      }
      return;
    }
    const bool has_flags_line = pkt.tcp.completeness >= TcpCompleteness::header_too_long;
    if (options_.plain && !has_flags_line) return;
    TextBuffer& buf = out_.buffer();
    render_timestamp(buf, options_.timestamps, pkt.frame->ts, clock_);
    const ShownNumbers numbers = has_flags_line ? seq_table_.shown_numbers(pkt) : ShownNumbers{};
    render_tcpdump_line(buf, pkt, numbers);
    buf.push_back('\n');
    if (!options_.plain) annotate(pkt, report, conn);
    out_.end_record();
  }

  void after_frame(const RawFrame& frame) override { advance_reference(clock_, frame.ts); }
  [[nodiscard]] bool wants_more() const override { return out_.ok(); }

 private:
  void annotate(const DecodedPacket& pkt, const PacketReport* report, const Connection* conn) {
    TextBuffer& buf = out_.buffer();
    if (report == nullptr || conn == nullptr) {
      append(buf, kAnnotationMarker);
      append(buf, "malformed: ");
      append(buf, anomaly_name(pkt.anomaly));
      append(buf, " (not analysed)\n");
      return;
    }
    if (conn != last_conn_ || conn->stream() != last_stream_) {
      names_ = names_of(*conn);
      last_conn_ = conn;
      last_stream_ = conn->stream();
    }
    render_annotation_line(buf, *report, names_, style_);
  }

  const ReadOptions& options_;
  Output& out_;
  TcpdumpSeqTable seq_table_;
  TimestampReference clock_;
  TextStyle style_;
  EndpointNames names_;
  const Connection* last_conn_ = nullptr;
  std::uint64_t last_stream_ = UINT64_MAX;
};

// A first pass that only learns each connection's shape (3- or 4-way close)
// so the printing pass can number teardown steps.
class NullSink final : public PacketSink {
 public:
  void on_tcp(const DecodedPacket&, const PacketReport*, const Connection*) override {}
};

bool read_one(const std::string& path, const ReadOptions& options, Output& out, std::uint64_t& budget) {
  CaptureRunOptions run;
  run.path = path;
  run.filter = options.filter;
  run.nano = options.nano;
  run.track = !options.plain;
  if (budget != UINT64_MAX) run.max_packets = budget;

  std::vector<ConnectionShape> shapes;
  FlowTableOptions flow_options;
  if (run.track && can_read_twice(path)) {
    FlowTable learner(flow_options);
    NullSink nothing;
    run_capture(run, &learner, nothing);  // errors are reported by the printing pass
    shapes = learner.learned_shapes();
    flow_options.shapes = &shapes;
  } else if (run.track) {
    flow_options.shapes_unknown = true;
  }
  FlowTable table(flow_options);
  ReadSink sink(options, out);
  const CaptureRunResult result = run_capture(run, &table, sink);
  if (options.json) {
    for (const auto& c : table.connections()) {
      render_flow_json(out.buffer(), make_flow_record(*c));
      out.buffer().push_back('\n');
      out.end_record();
    }
  }
  out.flush();
  budget -= std::min(budget, result.stats.packets);
  if (!options.quiet_summary) std::fprintf(stderr, "tcplens: %s: %s\n", path.c_str(), result.stats.summary().c_str());
  return result.ok;
}

}  // namespace

ExitCode run_read(const ReadOptions& options) {
  Output out;
  std::uint64_t budget = options.max_packets.value_or(UINT64_MAX);
  bool all_ok = true;
  for (const auto& path : options.files) {
    if (!read_one(path, options, out, budget)) all_ok = false;
    if (!out.ok() || budget == 0) break;
  }
  return all_ok ? ExitCode::ok : ExitCode::input;
}

bool use_color(const std::string& mode) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  return std::getenv("NO_COLOR") == nullptr && isatty(STDOUT_FILENO) == 1;
}

}  // namespace tcplens
