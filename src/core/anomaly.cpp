#include "tcplens/core/anomaly.hpp"

namespace tcplens {

namespace {
constexpr std::array<std::string_view, kAnomalyCount> kNames = {
    "none",
    "truncated_link",
    "unsupported_link",
    "truncated_ip",
    "bad_ip_version",
    "bad_ip_header_length",
    "bad_ip_total_length",
    "ip_length_exceeds_frame",
    "bad_ip6_extension",
    "truncated_tcp",
    "bad_tcp_header_length",
    "bad_tcp_option",
    "truncated_encapsulation",
    "bad_encapsulation",
    "encapsulation_too_deep",
};
}  // namespace

std::string_view anomaly_name(Anomaly a) {
  const auto i = static_cast<std::size_t>(a);
  return i < kNames.size() ? kNames[i] : "unknown";
}

}  // namespace tcplens
