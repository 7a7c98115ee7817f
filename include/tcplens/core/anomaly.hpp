// Named anomalies: everything a decoder or the TCP tracker found wrong with a
// packet. Names live in one table (anomaly.cpp) and are stable: they appear in
// the summary line and in JSON.
#pragma once
#include <array>
#include <cstdint>
#include <string_view>

namespace tcplens {

enum class Anomaly : std::uint8_t {
  none = 0,
  truncated_link,    // frame shorter than its link-layer header
  unsupported_link,  // link-layer payload is not IPv4/IPv6 (not an error)
  truncated_ip,      // IP header not fully captured
  bad_ip_version,
  bad_ip_header_length,
  bad_ip_total_length,      // ip_len < header length
  ip_length_exceeds_frame,  // ip_len larger than what reached the wire
  bad_ip6_extension,
  truncated_tcp,          // TCP header not fully captured ([|tcp])
  bad_tcp_header_length,  // data offset < 5 or > segment length
  bad_tcp_option,
  truncated_encapsulation,  // a tunnel or link header (VLAN, MPLS, GRE, VXLAN...) cut short
  bad_encapsulation,        // such a header with a bad version or a length that does not fit
  encapsulation_too_deep,   // more nested headers than kMaxEncapLayers
  count_
};

inline constexpr std::size_t kAnomalyCount = static_cast<std::size_t>(Anomaly::count_);

std::string_view anomaly_name(Anomaly a);

// Per-run tally of anomalies, indexed by the enum.
class AnomalyCounters {
 public:
  void add(Anomaly a) { ++counts_[static_cast<std::size_t>(a)]; }
  [[nodiscard]] std::uint64_t get(Anomaly a) const { return counts_[static_cast<std::size_t>(a)]; }

 private:
  std::array<std::uint64_t, kAnomalyCount> counts_{};
};

}  // namespace tcplens
