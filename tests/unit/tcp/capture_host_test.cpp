#include "tcplens/tcp/capture_host.hpp"

#include <catch2/catch.hpp>

using namespace tcplens;

namespace {

constexpr auto kCorrect = ChecksumState::correct;
constexpr auto kUnfilled = ChecksumState::pseudo_header_only;
constexpr auto kIncorrect = ChecksumState::incorrect;
constexpr auto kUnverified = ChecksumState::unverified;

ChecksumSample sample(std::initializer_list<ChecksumState> states) {
  ChecksumSample s;
  for (const ChecksumState st : states) s.add(st);
  return s;
}

}  // namespace

TEST_CASE("ChecksumSample: the first few verified segments, unverified ones skipped", "[tcp][capture_host]") {
  const ChecksumSample s = sample({kUnverified, kUnfilled, kUnverified, kUnfilled});
  CHECK(s.checked == 2);
  CHECK(s.sent_from_capture_host());
  // After kChecksumSamples verified segments, later ones change nothing.
  const ChecksumSample full = sample({kUnfilled, kUnfilled, kUnfilled, kUnfilled, kCorrect});
  CHECK_FALSE(full.wants_more());
  CHECK_FALSE(full.correct);
  CHECK(full.sent_from_capture_host());
  // One correct segment among them: not the sender's own host (a
  // middlebox or another stack filled it in).
  CHECK_FALSE(sample({kUnfilled, kCorrect}).sent_from_capture_host());
  // A corrupt checksum is not an unfilled one.
  CHECK_FALSE(sample({kIncorrect, kIncorrect}).sent_from_capture_host());
  CHECK_FALSE(sample({}).sent_from_capture_host());
}

TEST_CASE("decide_capture_host: checksum offload names the capturing host", "[tcp][capture_host]") {
  const ChecksumSample local = sample({kUnfilled, kUnfilled, kUnfilled});
  const ChecksumSample remote = sample({kCorrect, kCorrect, kCorrect});
  CaptureHostVerdict v = decide_capture_host(local, local, 0);
  CHECK(v.host == CaptureHost::both);  // loopback, veth pairs
  CHECK(v.evidence == CaptureHostEvidence::checksum_offload);
  v = decide_capture_host(local, remote, 0);
  CHECK(v.host == CaptureHost::orig);
  CHECK(v.evidence == CaptureHostEvidence::checksum_offload);
  v = decide_capture_host(remote, local, 0);
  CHECK(v.host == CaptureHost::resp);
  v = decide_capture_host(remote, remote, 0);
  CHECK(v.host == CaptureHost::unknown);
  CHECK(v.evidence == CaptureHostEvidence::none);
}

TEST_CASE("decide_capture_host: GRO names the receiver", "[tcp][capture_host]") {
  // The server's ordinary segments arrive filled in; its first segment
  // over the client's MSS does not verify: merged by GRO on the client.
  ChecksumSample server = sample({kCorrect, kCorrect});
  server.add_merged(kUnfilled);
  const ChecksumSample client = sample({kCorrect});
  CaptureHostVerdict v = decide_capture_host(client, server, 2);
  CHECK(v.host == CaptureHost::orig);
  CHECK(v.evidence == CaptureHostEvidence::gro);
  // Without the over-MSS bit the merged sample says nothing.
  CHECK(decide_capture_host(client, server, 0).host == CaptureHost::unknown);
  // A merged segment whose checksum was filled in is no evidence.
  ChecksumSample filled = sample({kCorrect});
  filled.add_merged(kCorrect);
  CHECK(decide_capture_host(client, filled, 2).host == CaptureHost::unknown);
  // Both directions merged: no one host is told.
  ChecksumSample orig_merged = sample({kCorrect});
  orig_merged.add_merged(kUnfilled);
  CHECK(decide_capture_host(orig_merged, server, 3).host == CaptureHost::unknown);
  // Offload evidence wins over GRO's: TSO at the sender's own host.
  ChecksumSample tso = sample({kUnfilled});
  tso.add_merged(kUnfilled);
  v = decide_capture_host(tso, client, 1);
  CHECK(v.host == CaptureHost::orig);
  CHECK(v.evidence == CaptureHostEvidence::checksum_offload);
}

TEST_CASE("capture_host names are the flow record's words", "[tcp][capture_host]") {
  CHECK(capture_host_name(CaptureHost::unknown) == "unknown");
  CHECK(capture_host_name(CaptureHost::orig) == "orig");
  CHECK(capture_host_name(CaptureHost::resp) == "resp");
  CHECK(capture_host_name(CaptureHost::both) == "both");
  CHECK(capture_host_evidence_name(CaptureHostEvidence::none) == "none");
  CHECK(capture_host_evidence_name(CaptureHostEvidence::checksum_offload) == "checksum_offload");
  CHECK(capture_host_evidence_name(CaptureHostEvidence::gro) == "gro");
}
