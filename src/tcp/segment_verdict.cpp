#include "tcplens/tcp/segment_verdict.hpp"

#include <array>

namespace tcplens {

namespace {
constexpr std::array<std::string_view, static_cast<std::size_t>(Verdict::count_)> kNames = {
    "retransmission",
    "fast_retransmission",
    "spurious_retransmission",
    "out_of_order",
    "lost_segment",
    "ack_lost_segment",
    "duplicate_ack",
    "zero_window",
    "zero_window_probe",
    "zero_window_probe_ack",
    "window_full",
    "window_update",
    "keep_alive",
    "keep_alive_ack",
    "reused_ports",
};
}  // namespace

std::string_view verdict_name(Verdict v) { return kNames[static_cast<std::size_t>(v)]; }

}  // namespace tcplens
