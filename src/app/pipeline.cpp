#include "tcplens/app/pipeline.hpp"

#include "tcplens/analysis/application.hpp"
#include "tcplens/app/segment_walk.hpp"

namespace tcplens {

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

Connection& track_segment(const PipelineConfig& config, FlowTable& table, const DecodedPacket& pkt, double clock,
                          PacketReport& report) {
  Connection& conn = table.connection_for(pkt, clock);
  report.app.clear();  // on_segment clears the TCP stage's part
  conn.on_segment(pkt, report);
  analyze_application(config.analyzers, conn, report.delivered(pkt.frame->ts.seconds()), report.app);
  return conn;
}

void Pipeline::frame(int dlt, const RawFrame& frame, std::optional<double> clock) {
  const DecodedPacket pkt = decode_packet(dlt, frame);
  stats_.count(pkt);
  const double now = clock.value_or(frame.ts.seconds());
  // Every frame moves capture time, TCP or not: connections idle past the
  // timeout close out at the first frame after it (as --threads does).
  // (connection_for expires for an analysable segment of the frame's own.)
  if (table_ != nullptr && (!pkt.is_analyzable_tcp() || pkt.is_ip_fragment())) table_->expire(now);
  if (table_ != nullptr) table_->ip_fragments().expire(now);
  const auto segment = [&](const DecodedPacket& p, const CompletedDatagram* reassembled) {
    if (table_ == nullptr || !p.is_analyzable_tcp()) return sink_.on_tcp(p, nullptr, nullptr);
    Connection& conn = track_segment(config_, *table_, p, now, report_);
    if (reassembled != nullptr) note_reassembly(report_, *reassembled);
    sink_.on_tcp(p, &report_, &conn);
  };
  const auto held = [&](const DecodedPacket& p) { sink_.on_held_fragment(p); };
  const auto datagram = [&](const DecodedPacket& p) {
    if (table_ != nullptr) table_->udp_flows().offer(p);
  };
  walk_segments(dlt, pkt, table_ != nullptr ? &table_->ip_fragments() : nullptr, stats_, segment, held, datagram);
  sink_.after_frame(frame);
}

}  // namespace tcplens
