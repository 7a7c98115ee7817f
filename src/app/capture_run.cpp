#include "tcplens/app/capture_run.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "tcplens/analysis/application.hpp"
#include "tcplens/app/output.hpp"
#include "tcplens/app/segment_walk.hpp"
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

bool flow_records(const std::string& path, std::vector<FlowRecord>& records) {
  CaptureRunOptions run;
  run.path = path;
  FlowTable table;
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
  FlowTableOptions options;
  if (!can_read_twice(run.path)) {
    options.shapes_unknown = true;
    return options;
  }
  FlowTable learner;
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

namespace {

// What the report of a segment rebuilt from IP fragments adds.
void note_reassembly(PacketReport& report, const CompletedDatagram& how) {
  Annotation a;
  a.code = AnnotationCode::ip_reassembled;
  a.bytes = how.pieces;
  a.frame = how.first_frame;
  report.add(a);
  if (how.conflict) report.add(Annotation{AnnotationCode::ip_fragment_conflict});
}

}  // namespace

void process_frame(int dlt, const RawFrame& frame, FlowTable* table, PacketSink& sink, PacketReport& report,
                   CaptureStats& stats, std::optional<double> clock) {
  const DecodedPacket pkt = decode_packet(dlt, frame);
  stats.count(pkt);
  const double now = clock.value_or(frame.ts.seconds());
  // Every frame moves capture time, TCP or not: connections idle past the
  // timeout close out at the first frame after it (as --threads does).
  // (connection_for expires for an analysable segment of the frame's own.)
  if (table != nullptr && (!pkt.is_analyzable_tcp() || pkt.is_ip_fragment())) table->expire(now);
  if (table != nullptr) table->ip_fragments().expire(now);
  const auto segment = [&](const DecodedPacket& p, const CompletedDatagram* reassembled) {
    if (table == nullptr || !p.is_analyzable_tcp()) return sink.on_tcp(p, nullptr, nullptr);
    Connection& conn = table->connection_for(p, now);
    conn.on_segment(p, report);
    analyze_application(application_options(), conn, report.delivered(p.frame->ts.seconds()), report.app);
    if (reassembled != nullptr) note_reassembly(report, *reassembled);
    sink.on_tcp(p, &report, &conn);
  };
  const auto held = [&](const DecodedPacket& p) { sink.on_held_fragment(p); };
  const auto datagram = [&](const DecodedPacket& p) {
    if (table == nullptr) return;
    if (const auto udp = udp_datagram_of(p)) table->udp_flows().offer(*udp);
  };
  walk_segments(dlt, pkt, table != nullptr ? &table->ip_fragments() : nullptr, stats, segment, held, datagram);
  sink.after_frame(frame);
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
  PacketReport report;
  RawFrame frame;
  ReadStatus status = ReadStatus::end;
  FlowTable* tracking = options.track ? table : nullptr;
  ClockedFrames frames;
  const auto process = [&](const RawFrame& f, double clock) {
    process_frame(dlt, f, tracking, sink, report, result.stats, clock);
  };
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
