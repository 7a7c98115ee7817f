// The IP reassembler takes decoded fragments and hands back the frame that
// completes a datagram rebuilt: the completing frame's headers up to the IP
// header, then the whole datagram, which decodes to the TCP segment.
#include "tcplens/flow/ip_reassembler.hpp"

#include <catch2/catch.hpp>
#include <vector>

#include "support/frames.hpp"

using namespace tcplens;
using namespace tcplens::testing;

namespace {

const auto kSrc = capgen::ipv4("10.0.0.1");
const auto kDst = capgen::ipv4("10.0.0.2");
constexpr int kEthernet = 1;

// The TCP segment (header and 100 bytes of payload) as IPv4 fragments cut
// at the given byte offsets of the IP payload.
std::vector<OwnedFrame> ipv4_fragments(const std::vector<std::size_t>& cuts, std::uint16_t id = 7,
                                       const std::vector<std::uint16_t>& vlans = {}) {
  capgen::Bytes payload(100);
  for (std::size_t i = 0; i < payload.size(); ++i) payload[i] = static_cast<std::uint8_t>(i);
  const capgen::Bytes seg = capgen::tcp_over_ipv4(simple_tcp(capgen::flag::ack, {}, payload), kSrc, kDst);
  std::vector<OwnedFrame> out;
  for (std::size_t i = 0; i + 1 < cuts.size(); ++i) {
    capgen::Ipv4Spec ip{kSrc, kDst};
    ip.id = id;
    ip.dont_fragment = false;
    ip.fragment_offset = static_cast<std::uint16_t>(cuts[i] / 8);
    ip.more_fragments = i + 2 < cuts.size();
    const auto end = std::min(cuts[i + 1], seg.size());
    const capgen::Bytes part(seg.begin() + static_cast<long>(cuts[i]), seg.begin() + static_cast<long>(end));
    out.emplace_back(capgen::ethernet(0x0800, capgen::ipv4_packet(ip, part), vlans));
    out.back().frame.number = i + 1;
  }
  return out;
}

ReassemblyOutcome offer(IpReassembler& r, const OwnedFrame& f, DecodedPacket& pkt) {
  pkt = f.decode(kEthernet);
  REQUIRE(pkt.is_ip_fragment());
  return r.offer(pkt, 0);
}

}  // namespace

TEST_CASE("fragment_view: where an IPv4 fragment's piece lies") {
  const auto frames = ipv4_fragments({0, 48, 120});
  const DecodedPacket first = frames[0].decode(kEthernet);
  CHECK(first.is_tcp());  // the first fragment still shows its TCP header
  REQUIRE(first.is_ip_fragment());
  CHECK(first.fragment.offset == 0);
  CHECK(first.fragment.more_fragments);
  CHECK(first.fragment.ip_offset == 14);
  CHECK(first.fragment.payload_offset == 34);
  CHECK(first.fragment.payload_captured == 48);
  CHECK(first.fragment.payload_wire_length == 48);
  const DecodedPacket last = frames[1].decode(kEthernet);
  CHECK(last.kind == PacketKind::ip_fragment);
  CHECK(last.anomaly == Anomaly::none);
  CHECK(last.fragment.offset == 48);
  CHECK_FALSE(last.fragment.more_fragments);
  CHECK(last.fragment.payload_captured == 72);
}

TEST_CASE("IpReassembler: out of order fragments rebuild the segment on the completing frame") {
  IpReassembler r(FragmentLimits{});
  const auto frames = ipv4_fragments({0, 40, 80, 120});
  DecodedPacket pkt;
  CHECK(offer(r, frames[2], pkt).result == FragmentResult::pending);
  CHECK(offer(r, frames[0], pkt).result == FragmentResult::pending);
  const ReassemblyOutcome out = offer(r, frames[1], pkt);
  REQUIRE(out.result == FragmentResult::complete);
  REQUIRE(out.rebuilt != nullptr);
  CHECK(out.rebuilt->number == 2);  // the completing frame's number
  CHECK(out.rebuilt->is_rebuilt());
  CHECK(out.rebuilt->rebuilt_ip_at == 14);
  CHECK(out.rebuilt->caplen == 14 + 20 + 120);
  CHECK(out.how.pieces == 3);
  CHECK(out.how.first_frame == 3);
  CHECK_FALSE(out.how.conflict);
  const DecodedPacket whole = decode_packet(kEthernet, *out.rebuilt);
  REQUIRE(whole.is_analyzable_tcp());
  CHECK_FALSE(whole.is_ip_fragment());
  CHECK(whole.anomaly == Anomaly::none);
  CHECK(whole.tcp.payload().size() == 100);
  CHECK(whole.tcp.payload()[99] == 99);
  CHECK(r.stats().reassembled == 1);
}

TEST_CASE("IpReassembler: another id is another datagram; a duplicate adds nothing") {
  IpReassembler r(FragmentLimits{});
  const auto a = ipv4_fragments({0, 40, 120}, 9);
  const auto b = ipv4_fragments({0, 40, 120}, 10);
  DecodedPacket pkt;
  CHECK(offer(r, a[0], pkt).result == FragmentResult::pending);
  CHECK(offer(r, a[0], pkt).result == FragmentResult::duplicate);
  CHECK(offer(r, b[1], pkt).result == FragmentResult::pending);  // another id: another datagram
  CHECK(offer(r, a[1], pkt).result == FragmentResult::complete);
  CHECK(r.stats().pending_datagrams == 1);
}

TEST_CASE("IpReassembler: overlapping fragments that differ keep the first bytes and say so") {
  IpReassembler r(FragmentLimits{});
  auto frames = ipv4_fragments({0, 48, 120});
  auto liar = ipv4_fragments({0, 40, 120});  // its second fragment overlaps bytes 40..47
  liar[1].bytes[14 + 20] ^= 0xff;            // byte 40 differs
  DecodedPacket pkt;
  CHECK(offer(r, frames[0], pkt).result == FragmentResult::pending);
  const ReassemblyOutcome out = offer(r, liar[1], pkt);
  REQUIRE(out.result == FragmentResult::overlap_conflict_complete);
  CHECK(out.how.conflict);
  const DecodedPacket whole = decode_packet(kEthernet, *out.rebuilt);
  REQUIRE(whole.is_analyzable_tcp());
  CHECK(whole.tcp.payload()[20] == 20);  // IP payload byte 40 = TCP payload byte 20: the first arrival's
}

TEST_CASE("IpReassembler: memory 0 turns it off; the timeout drops an incomplete datagram") {
  CHECK_FALSE(IpReassembler(FragmentLimits{0, 30, 16}).enabled());
  IpReassembler r(FragmentLimits{1 << 20, 30, 16});
  const auto frames = ipv4_fragments({0, 40, 120});
  DecodedPacket pkt;
  CHECK(offer(r, frames[0], pkt).result == FragmentResult::pending);
  r.expire(frames[0].frame.ts.seconds() + 31);
  CHECK(r.stats().timed_out == 1);
  CHECK(r.stats().pending_datagrams == 0);
}

TEST_CASE("IpReassembler: a fragment cut by the snaplen gives its datagram up") {
  IpReassembler r(FragmentLimits{});
  const auto frames = ipv4_fragments({0, 40, 120});
  const OwnedFrame cut = frames[1].cut(14 + 20 + 30);
  DecodedPacket pkt = cut.decode(kEthernet);
  REQUIRE(pkt.is_ip_fragment());
  const ReassemblyOutcome out = r.offer(pkt, 0);
  CHECK(out.given_up());
  CHECK(out.rebuilt == nullptr);
}

TEST_CASE("IpReassembler: IPv6 fragments rebuild without the Fragment header") {
  capgen::Bytes payload(100, 0x41);
  const auto src = capgen::ipv6("2001:db8::1");
  const auto dst = capgen::ipv6("2001:db8::2");
  const capgen::Bytes seg = capgen::tcp_over_ipv6(simple_tcp(capgen::flag::ack, {}, payload), src, dst);
  const auto frag = [&](std::size_t from, std::size_t to, bool more) {
    capgen::Ipv6Spec ip{src, dst};
    const auto word = static_cast<std::uint16_t>(from | (more ? 1u : 0u));
    ip.extensions.push_back(
        {44, {0, static_cast<std::uint8_t>(word >> 8), static_cast<std::uint8_t>(word), 0, 0, 0, 5}});
    const capgen::Bytes part(seg.begin() + static_cast<long>(from), seg.begin() + static_cast<long>(to));
    return OwnedFrame(capgen::ethernet(0x86dd, capgen::ipv6_packet(ip, part)));
  };
  IpReassembler r(FragmentLimits{});
  const OwnedFrame second = frag(64, seg.size(), false);
  const OwnedFrame first = frag(0, 64, true);
  DecodedPacket pkt;
  CHECK(offer(r, second, pkt).result == FragmentResult::pending);
  CHECK(pkt.kind == PacketKind::ip_fragment);
  const ReassemblyOutcome out = offer(r, first, pkt);
  REQUIRE(out.result == FragmentResult::complete);
  const DecodedPacket whole = decode_packet(kEthernet, *out.rebuilt);
  REQUIRE(whole.is_analyzable_tcp());
  CHECK(whole.ip.extension_count == 0);
  CHECK(whole.tcp.payload().size() == 100);
}

TEST_CASE("IpReassembler: a fragment whose header claims bytes that were never captured is given up") {
  // Found by fuzz_pipeline: a later fragment cut right after its header
  // (an empty transport view) once made the piece reach past the frame.
  capgen::Ipv4Spec ip{kSrc, kDst};
  ip.dont_fragment = false;
  ip.more_fragments = true;
  ip.fragment_offset = 100;
  ip.total_length = 2000;
  const OwnedFrame f(capgen::ethernet(0x0800, capgen::ipv4_packet(ip, {})));
  const DecodedPacket pkt = f.decode(kEthernet);
  REQUIRE(pkt.is_ip_fragment());
  CHECK(pkt.fragment.payload_captured == 0);
  CHECK(pkt.fragment.payload_wire_length == 1980);
  IpReassembler r(FragmentLimits{});
  const ReassemblyOutcome out = r.offer(pkt, 0);
  CHECK(out.result == FragmentResult::dropped_truncated);
  CHECK(out.rebuilt == nullptr);
}
