#include "tcplens/app/read_command.hpp"

#include <fmt/format.h>

#include <cstdio>

#include "tcplens/app/capture_stats.hpp"
#include "tcplens/app/output.hpp"
#include "tcplens/capture/pcap_file.hpp"
#include "tcplens/decode/decoded_packet.hpp"
#include "tcplens/flow/tcpdump_seq_table.hpp"
#include "tcplens/render/tcpdump_line.hpp"

namespace tcplens {

namespace {

// Reads one capture to the end (or to -c), printing a line per TCP packet.
// Returns false when the file could not be opened or read to its end.
bool read_one(const std::string& path, const ReadOptions& options, Output& out, std::uint64_t& budget) {
  std::optional<PcapFile> capture;
  try {
    capture.emplace(path, options.nano);
    if (!options.filter.empty()) capture->set_filter(options.filter);
  } catch (const CaptureError& e) {
    report_input_error(path, e.what());
    return false;
  }
  if (!link_type_supported(capture->link_type())) {
    report_input_error(path, fmt::format("unsupported link type {} (tcplens reads Ethernet, Linux cooked v1/v2, "
                                         "BSD loopback and raw IP)",
                                         capture->link_type_name()));
    return false;
  }

  const int dlt = capture->link_type();
  TcpdumpSeqTable seq_table(options.absolute_seq);
  TimestampReference clock;
  CaptureStats stats;
  RawFrame frame;
  ReadStatus status = ReadStatus::end;
  while (budget > 0 && out.ok() && (status = capture->next(frame)) == ReadStatus::frame) {
    --budget;
    const DecodedPacket pkt = decode_packet(dlt, frame);
    stats.count(pkt);
    // --plain keeps tcpdump's contract: only lines that show TCP flags.
    const bool printable = options.plain ? pkt.is_tcp() && pkt.tcp.completeness >= TcpCompleteness::header_too_long
                                         : pkt.is_tcp();
    if (printable) {
      TextBuffer& buf = out.buffer();
      render_timestamp(buf, options.timestamps, frame.ts, clock);
      const ShownNumbers numbers =
          pkt.tcp.completeness >= TcpCompleteness::header_too_long ? seq_table.shown_numbers(pkt) : ShownNumbers{};
      render_tcpdump_line(buf, pkt, numbers);
      buf.push_back('\n');
      out.end_record();
    }
    advance_reference(clock, frame.ts);
  }
  out.flush();
  if (!options.quiet_summary) std::fprintf(stderr, "tcplens: %s: %s\n", path.c_str(), stats.summary().c_str());
  if (status == ReadStatus::error) {
    report_input_error(path, fmt::format("{} (after {} packets)", capture->error(), stats.packets));
    return false;
  }
  return true;
}

}  // namespace

void report_input_error(const std::string& file, const std::string& message) {
  std::fflush(stdout);
  std::fprintf(stderr, "tcplens: %s: %s\n", file.c_str(), message.c_str());
}

ExitCode run_read(const ReadOptions& options) {
  Output out;
  std::uint64_t budget = options.max_packets.value_or(UINT64_MAX);
  bool all_ok = true;
  for (const auto& path : options.files) {
    if (!read_one(path, options, out, budget)) all_ok = false;
    if (!out.ok()) break;
  }
  return all_ok ? ExitCode::ok : ExitCode::input;
}

}  // namespace tcplens
