#include "tcplens/tcp/annotation.hpp"

#include <array>

namespace tcplens {

namespace {
constexpr std::array<std::string_view, static_cast<std::size_t>(AnnotationCode::count_)> kNames = {
    "handshake_syn",
    "handshake_synack",
    "handshake_ack",
    "simultaneous_open",
    "syn_retransmitted",
    "synack_retransmitted",
    "syn_not_captured",
    "midstream_pickup",
    "data",
    "teardown_fin",
    "teardown_ack",
    "fin_retransmitted",
    "fin_with_data",
    "half_close",
    "simultaneous_close",
    "time_wait_begins",
    "time_wait_reack",
    "ack_lost",
    "refused",
    "reset",
    "reset_after_close",
    "data_after_fin",
    "port_reuse",
    "port_reuse_in_time_wait",
    "after_idle",
    "rst_with_data",
    "overlap_conflict",
    "content_gap",
    "reassembly_limit",
    "new_isn",
    "fin_lost",
    "one_direction",
    "peer_fin_inferred",
    "carried_in",
    "final_ack_lost",
    "over_mss",
    "capture_host",
    "ip_reassembled",
    "ip_fragment_conflict",
    "lost_before_capture",
    "lost_after_capture",
    "missed_by_capture",
};
}  // namespace

std::string_view annotation_code_name(AnnotationCode c) { return kNames[static_cast<std::size_t>(c)]; }

}  // namespace tcplens
