#include "tcplens/tcp/capture_host.hpp"

#include <array>

namespace tcplens {

void ChecksumSample::add(ChecksumState s) {
  if (s == ChecksumState::unverified || !wants_more()) return;
  checked = static_cast<std::uint8_t>(checked + 1);
  if (s == ChecksumState::correct) correct = true;
  if (checksum_unfilled(s)) unfilled = true;
}

void ChecksumSample::add_merged(ChecksumState s) {
  if (s == ChecksumState::unverified || merged_checked) return;
  merged_checked = true;
  merged_unfilled = checksum_unfilled(s);
}

std::string_view capture_host_name(CaptureHost h) {
  static constexpr std::array<std::string_view, 4> kNames = {"unknown", "orig", "resp", "both"};
  return kNames[static_cast<std::size_t>(h)];
}

std::string_view capture_host_evidence_name(CaptureHostEvidence e) {
  static constexpr std::array<std::string_view, 3> kNames = {"none", "checksum_offload", "gro"};
  return kNames[static_cast<std::size_t>(e)];
}

CaptureHostVerdict decide_capture_host(ChecksumSample orig, ChecksumSample resp, std::uint8_t over_mss) {
  const bool orig_here = orig.sent_from_capture_host();
  const bool resp_here = resp.sent_from_capture_host();
  // Both ends' segments unfilled: both on the capturing host (loopback,
  // veth pairs between containers, VMs of one host).
  if (orig_here && resp_here) return {CaptureHost::both, CaptureHostEvidence::checksum_offload};
  if (orig_here) return {CaptureHost::orig, CaptureHostEvidence::checksum_offload, resp.correct};
  if (resp_here) return {CaptureHost::resp, CaptureHostEvidence::checksum_offload, orig.correct};
  // The sender's ordinary segments arrive filled in but its segments over
  // the MSS do not: GRO merged them on the receiver's host.
  const bool orig_merged = (over_mss & 1u) != 0 && orig.merged_unfilled && orig.correct;
  const bool resp_merged = (over_mss & 2u) != 0 && resp.merged_unfilled && resp.correct;
  if (orig_merged && !resp_merged) return {CaptureHost::resp, CaptureHostEvidence::gro, true};
  if (resp_merged && !orig_merged) return {CaptureHost::orig, CaptureHostEvidence::gro, true};
  return {};
}

}  // namespace tcplens
