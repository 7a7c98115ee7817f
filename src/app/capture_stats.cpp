#include "tcplens/app/capture_stats.hpp"

#include <fmt/format.h>

namespace tcplens {

void CaptureStats::count(const DecodedPacket& pkt) {
  const double now = pkt.frame->ts.seconds();
  if (packets > 0 && now < last_time) {
    ++time_backwards;
    if (last_time - now > largest_step_back) largest_step_back = last_time - now;
  }
  last_time = now;
  ++packets;
  if (pkt.is_ip_fragment()) ++ip_fragments;
  if (pkt.is_tcp())
    ++tcp;
  else if (pkt.kind == PacketKind::not_ip || pkt.kind == PacketKind::not_tcp)
    ++not_tcp;
  if (!pkt.is_ip_fragment()) count_anomaly(pkt);
}

void CaptureStats::count_anomaly(const DecodedPacket& pkt) {
  if (pkt.anomaly != Anomaly::none && pkt.anomaly != Anomaly::unsupported_link) {
    ++malformed;
    anomalies.add(pkt.anomaly);
  }
}

namespace {

const char* plural(std::uint64_t n) { return n == 1 ? "" : "s"; }

// ", 5 IP fragments (2 datagrams reassembled, 1 timed out)"
std::string fragments_text(std::uint64_t frames, const IpFragmentTable::Stats& d, bool reassembled) {
  if (frames == 0) return "";
  if (!reassembled) return fmt::format(", {} IP fragment{}", frames, plural(frames));
  std::string s = fmt::format(", {} IP fragment{} ({} datagram{} reassembled", frames, plural(frames), d.reassembled,
                              plural(d.reassembled));
  const auto part = [&](std::uint64_t n, const char* what) {
    if (n > 0) s += fmt::format(", {} {}", n, what);
  };
  part(d.overlaps, "overlapping with different bytes");
  part(d.timed_out, "timed out");
  part(d.pending_datagrams, "incomplete at the end");
  part(d.dropped_limit, "dropped at --ip-fragment-memory");
  part(d.dropped_truncated, "cut by the snaplen");
  part(d.dropped_bad_length, "with impossible lengths");
  return s + ")";
}

}  // namespace

std::string CaptureStats::summary() const {
  std::string s =
      fmt::format("{} packets, {} TCP, {} skipped (not TCP), {} malformed", packets, tcp, not_tcp, malformed);
  const std::string backwards =
      time_backwards == 0 ? ""
                          : fmt::format(", {} timestamps earlier than the frame before (at most {:.6f} s back)",
                                        time_backwards, largest_step_back);
  std::string closed_out;
  if (clock_outliers > 0) {
    closed_out += fmt::format(", {} timestamp{} far ahead of the rest ignored by the clock that closes connections out",
                              clock_outliers, plural(clock_outliers));
  }
  if (closed_out_idle > 0) {
    closed_out += fmt::format(", {} connection{} closed out idle", closed_out_idle, plural(closed_out_idle));
  }
  if (closed_out_table_full > 0) {
    closed_out += fmt::format(", {} connection{} closed out with the table full (--max-connections)",
                              closed_out_table_full, plural(closed_out_table_full));
  }
  closed_out += fragments_text(ip_fragments, fragment_datagrams, fragments_reassembled);
  if (udp_flows > 0) closed_out += fmt::format(", {} UDP flow{}", udp_flows, plural(udp_flows));
  if (udp_flows_not_kept > 0) {
    closed_out += fmt::format(", {} more UDP flow{} not listed (--max-connections)", udp_flows_not_kept,
                              plural(udp_flows_not_kept));
  }
  if (malformed == 0) return s + backwards + closed_out;
  std::string reasons;
  for (std::size_t i = 1; i < kAnomalyCount; ++i) {
    const auto a = static_cast<Anomaly>(i);
    if (anomalies.get(a) == 0) continue;
    if (!reasons.empty()) reasons += ", ";
    reasons += fmt::format("{} {}", anomaly_name(a), anomalies.get(a));
  }
  return s + " (" + reasons + ")" + backwards + closed_out;
}

}  // namespace tcplens
