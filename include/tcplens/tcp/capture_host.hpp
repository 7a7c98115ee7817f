// Which host a capture was taken on, from what the capture point can see:
// a host's own outgoing segments are captured before the NIC fills in
// their checksums (checksum offload), a receiving host's after GRO merged
// them. Decided from a few segments per direction (the first pass over a
// file sees them all before any line is printed).
#pragma once
#include <cstdint>
#include <string_view>

#include "tcplens/core/capture_host.hpp"
#include "tcplens/decode/tcp_checksum.hpp"

namespace tcplens {

// Segments per direction whose checksums are verified (the bytes summed
// are the per-packet cost, so only the first few are).
inline constexpr std::uint8_t kChecksumSamples = 4;

// What one direction's sampled checksums showed.
struct ChecksumSample {
  std::uint8_t checked : 3 = 0;      // segments within the MSS verified, up to kChecksumSamples
  bool correct : 1 = false;          // one of them was correct
  bool unfilled : 1 = false;         // one was left for the NIC to fill in
  bool merged_checked : 1 = false;   // the first segment over the MSS was verified ...
  bool merged_unfilled : 1 = false;  // ... and was left unfilled (GRO's or TSO's)

  [[nodiscard]] bool wants_more() const { return checked < kChecksumSamples; }
  void add(ChecksumState s);
  void add_merged(ChecksumState s);
  // Every verified segment within the MSS was unfilled: sent from the
  // capturing host.
  [[nodiscard]] bool sent_from_capture_host() const { return unfilled && !correct; }
};

struct CaptureHostVerdict {
  CaptureHost host = CaptureHost::unknown;
  CaptureHostEvidence evidence = CaptureHostEvidence::none;
  bool peer_correct = false;  // the other end's sampled checksums were correct (it is remote)
};

std::string_view capture_host_name(CaptureHost h);                   // unknown orig resp both
std::string_view capture_host_evidence_name(CaptureHostEvidence e);  // none checksum_offload gro

// over_mss: bit 0 orig, bit 1 resp sent segments over the peer's MSS.
CaptureHostVerdict decide_capture_host(ChecksumSample orig, ChecksumSample resp, std::uint8_t over_mss);

}  // namespace tcplens
