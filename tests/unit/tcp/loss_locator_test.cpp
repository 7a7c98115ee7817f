#include "tcplens/tcp/loss_locator.hpp"

#include <catch2/catch.hpp>

using namespace tcplens;

namespace {

SegmentVerdicts verdicts(std::initializer_list<Verdict> flags, std::uint32_t gap = 0) {
  SegmentVerdicts v;
  for (const Verdict f : flags) v.set.add(f);
  v.gap_bytes = gap;
  return v;
}

const SegmentVerdicts kNew = verdicts({});

}  // namespace

TEST_CASE("LossLocator: a hole the sender fills again was lost before the capture point", "[tcp][loss]") {
  LossLocator l;
  CHECK(l.on_segment(1000, 100, kNew, 0, -1) == LossPlace::none);
  // 1100..1200 never captured: the next segment shows the hole.
  CHECK(l.on_segment(1200, 100, verdicts({Verdict::lost_segment}, 100), 0, -1) == LossPlace::none);
  CHECK(l.open_holes() == 1);
  CHECK(l.on_segment(1100, 100, verdicts({Verdict::retransmission}), 0, -1) == LossPlace::before_capture);
  CHECK(l.open_holes() == 0);
  CHECK(l.before_capture() == 1);
  CHECK(l.after_capture() == 0);
  // The receiver's ACK of everything covers no hole now.
  CHECK(l.on_peer_ack(1300) == LossPlace::none);
  CHECK(l.not_captured() == 0);
}

TEST_CASE("LossLocator: a hole the receiver ACKs first was missed by the capture", "[tcp][loss]") {
  LossLocator l;
  l.on_segment(1200, 100, verdicts({Verdict::lost_segment}, 100), 0, -1);
  CHECK(l.on_peer_ack(1150) == LossPlace::none);  // not past the hole's end yet
  CHECK(l.on_peer_ack(1300) == LossPlace::not_captured);
  CHECK(l.not_captured() == 1);
  CHECK(l.open_holes() == 0);
  CHECK(l.on_peer_ack(1300) == LossPlace::none);  // counted once
}

TEST_CASE("LossLocator: retransmitted captured bytes were lost after the capture point", "[tcp][loss]") {
  LossLocator l;
  l.on_segment(1000, 100, kNew, 0, -1);
  CHECK(l.on_segment(1000, 100, verdicts({Verdict::retransmission}), 0, -1) == LossPlace::after_capture);
  CHECK(l.on_segment(1000, 100, verdicts({Verdict::retransmission, Verdict::fast_retransmission}), 0, -1) ==
        LossPlace::after_capture);
  CHECK(l.after_capture() == 2);
  // A spurious one repeats what the receiver had: nothing was lost.
  CHECK(l.on_segment(1000, 100, verdicts({Verdict::retransmission, Verdict::spurious_retransmission}), 0, -1) ==
        LossPlace::none);
  CHECK(l.after_capture() == 2);
  // Nothing occupied (a bare ACK, a probe left at 0) says nothing.
  CHECK(l.on_segment(1000, 0, verdicts({Verdict::retransmission}), 0, -1) == LossPlace::none);
}

TEST_CASE("LossLocator: out-of-order segments fill holes without a loss", "[tcp][loss]") {
  LossLocator l;
  l.on_segment(1200, 100, verdicts({Verdict::lost_segment}, 100), 0, -1);
  CHECK(l.on_segment(1100, 100, verdicts({Verdict::out_of_order}), 0, -1) == LossPlace::none);
  CHECK(l.open_holes() == 0);
  CHECK(l.on_peer_ack(1300) == LossPlace::none);
  CHECK(l.before_capture() + l.after_capture() + l.not_captured() == 0);
}

TEST_CASE("LossLocator: partial fills split and trim holes", "[tcp][loss]") {
  LossLocator l;
  l.on_segment(1400, 100, verdicts({Verdict::lost_segment}, 300), 0, -1);  // hole 1100..1400
  CHECK(l.on_segment(1200, 100, verdicts({Verdict::retransmission}), 0, -1) == LossPlace::before_capture);
  CHECK(l.open_holes() == 2);  // 1100..1200 and 1300..1400
  CHECK(l.on_segment(1100, 50, verdicts({Verdict::out_of_order}), 0, -1) == LossPlace::none);
  CHECK(l.open_holes() == 2);                             // 1150..1200 and 1300..1400
  CHECK(l.on_peer_ack(1250) == LossPlace::not_captured);  // covers 1150..1200
  CHECK(l.open_holes() == 1);
  CHECK(l.on_segment(1350, 100, verdicts({Verdict::retransmission}), 0, -1) == LossPlace::before_capture);
  CHECK(l.open_holes() == 1);  // 1300..1350
  CHECK(l.before_capture() == 2);
}

TEST_CASE("LossLocator: sequence numbers wrap at 2^32 and holes stay bounded", "[tcp][loss]") {
  LossLocator l;
  l.on_segment(50, 100, verdicts({Verdict::lost_segment}, 100), 0, -1);  // hole 0xffffffce..50
  CHECK(l.on_peer_ack(0xfffffff0u) == LossPlace::none);
  CHECK(l.on_peer_ack(150) == LossPlace::not_captured);
  LossLocator many;
  for (std::uint32_t i = 0; i < 20; ++i)
    many.on_segment(1000 + i * 200, 100, verdicts({Verdict::lost_segment}, 100), 0, -1);
  CHECK(many.open_holes() == LossLocator::kMaxHoles);
  // The newest holes are kept: the last one is 4700..4800.
  CHECK(many.on_segment(4700, 100, verdicts({Verdict::retransmission}), 0, -1) == LossPlace::before_capture);
}

TEST_CASE("LossLocator: a late out-of-order filler is a retransmission on a short path", "[tcp][loss]") {
  // Wireshark calls a segment out of order when it comes within the initial
  // RTT of the previous one; a filler half an RTT or more after the hole
  // showed had to wait for the receiver's duplicate ACKs: a retransmission.
  const double irtt = 0.010;
  LossLocator l;
  l.on_segment(1200, 100, verdicts({Verdict::lost_segment}, 100), 1.000, irtt);
  CHECK(l.on_segment(1100, 100, verdicts({Verdict::out_of_order}), 1.006, irtt) == LossPlace::before_capture);
  l.on_segment(1500, 100, verdicts({Verdict::lost_segment}, 100), 2.000, irtt);
  CHECK(l.on_segment(1400, 100, verdicts({Verdict::out_of_order}), 2.001, irtt) == LossPlace::none);  // reordered
  l.on_segment(1800, 100, verdicts({Verdict::lost_segment}, 100), 3.000, -1);
  CHECK(l.on_segment(1700, 100, verdicts({Verdict::out_of_order}), 9.0, -1) ==
        LossPlace::none);  // no RTT: Wireshark's word
  CHECK(l.before_capture() == 1);
}

TEST_CASE("LossLocator: an out-of-order resend of captured bytes was lost after the capture point", "[tcp][loss]") {
  LossLocator l;
  l.on_segment(1000, 100, kNew, 1.0, 0.010);
  l.on_segment(1100, 100, kNew, 1.001, 0.010);
  // Wireshark: out of order (it came soon after the highest segment); but
  // the capture had these bytes: a resend.
  CHECK(l.on_segment(1000, 100, verdicts({Verdict::out_of_order}), 1.002, 0.010) == LossPlace::after_capture);
  CHECK(l.after_capture() == 1);
}

TEST_CASE("LossLocator: a filler the receiver asked for twice is a retransmission, however soon", "[tcp][loss]") {
  // Between namespaces the fast retransmit comes 23 us after the hole
  // showed, under half the (77 us) initial RTT: the receiver's duplicate
  // ACKs tell it apart from reordering.
  const double irtt = 77e-6;
  LossLocator l;
  l.on_segment(1200, 100, verdicts({Verdict::lost_segment}, 100), 1.0, irtt);
  CHECK(l.on_peer_ack(1100) == LossPlace::none);  // the receiver asks for 1100
  CHECK(l.on_segment(1100, 100, verdicts({Verdict::out_of_order}), 1.0 + 10e-6, irtt) == LossPlace::none);
  l.on_segment(1500, 100, verdicts({Verdict::lost_segment}, 100), 2.0, irtt);
  l.on_peer_ack(1400);
  l.on_peer_ack(1400);
  CHECK(l.on_segment(1400, 100, verdicts({Verdict::out_of_order}), 2.0 + 23e-6, irtt) == LossPlace::before_capture);
  CHECK(l.before_capture() == 1);
}
