// The per-packet printer of `tcplens read` and `tcplens live`: tcpdump's line
// and, under it, what the packet means (or NDJSON records with --json).
#pragma once
#include "tcplens/app/capture_run.hpp"
#include "tcplens/app/output.hpp"
#include "tcplens/app/read_command.hpp"
#include "tcplens/flow/tcpdump_seq_table.hpp"
#include "tcplens/render/annotation_text.hpp"
#include "tcplens/render/record_json.hpp"
#include "tcplens/render/tcpdump_line.hpp"

namespace tcplens {

inline EndpointNames names_of(const Connection& c) {
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
    if (!line(pkt)) return;
    if (!options_.plain) annotate(pkt, report, conn);
    out_.end_record();
  }

  void on_held_fragment(const DecodedPacket& pkt) override {
    if (options_.json || !line(pkt)) return;
    if (!options_.plain) {
      append(out_.buffer(), kAnnotationMarker);
      append(out_.buffer(),
             "first IP fragment: its segment is analysed whole, on the frame that completes the datagram\n");
    }
    out_.end_record();
  }

  void after_frame(const RawFrame& frame) override { advance_reference(clock_, frame.ts); }
  [[nodiscard]] bool wants_more() const override { return out_.ok(); }

 private:
  // tcpdump's line, or false when tcpdump prints none (--plain).
  bool line(const DecodedPacket& pkt) {
    const bool has_flags_line = pkt.tcp.completeness >= TcpCompleteness::header_too_long;
    // tcpdump prints "IP bad-len 0" for a zero IP length, not a TCP line,
    // and nothing TCP inside a header it does not decode (ERSPAN, GTP-U...).
    if (options_.plain && (!has_flags_line || pkt.ip.length_from_frame || pkt.encap.tcpdump_stops)) return false;
    // A segment rebuilt from IP fragments: tcpdump prints each fragment, not it.
    if (options_.plain && pkt.frame->is_rebuilt()) return false;
    TextBuffer& buf = out_.buffer();
    render_timestamp(buf, options_.timestamps, pkt.frame->ts, clock_);
    const ShownNumbers numbers = has_flags_line ? seq_table_.shown_numbers(pkt) : ShownNumbers{};
    render_tcpdump_line(buf, pkt, numbers);
    buf.push_back('\n');
    return true;
  }

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

}  // namespace tcplens
