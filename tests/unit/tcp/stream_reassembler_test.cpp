// The byte-stream reassembler on its own: ordering, overlaps, gaps, bounds.
#include "tcplens/tcp/stream_reassembler.hpp"

#include <catch2/catch.hpp>
#include <string>

using namespace tcplens;

namespace {

Bytes b(const std::string& s) { return Bytes(reinterpret_cast<const std::uint8_t*>(s.data()), s.size()); }

// Collects what a reassembler delivers, as text ('~' for a gap byte, '?' for an uncaptured one).
struct Collector {
  StreamReassembler& r;
  std::string text;
  std::vector<StreamChunk> out;
  void take() {
    for (const auto& c : out) {
      if (c.gap)
        text += std::string(c.length, '~');
      else if (c.uncaptured)
        text += std::string(c.length, '?');
      else {
        const Bytes bytes = r.bytes(c);
        REQUIRE(bytes.size() == c.length);
        text.append(reinterpret_cast<const char*>(bytes.data()), bytes.size());
      }
    }
  }
  void add(std::int64_t offset, const std::string& s, std::uint64_t frame = 1) {
    r.add(offset, b(s), frame, out);
    take();
  }
};

}  // namespace

TEST_CASE("In-order bytes are delivered at once, later ones when the gap fills", "[reassembler]") {
  BufferBudget budget(1 << 20);
  StreamReassembler r(budget, {});
  Collector c{r};
  c.add(1, "hello ");
  CHECK(c.text == "hello ");
  c.add(12, "!");  // beyond a gap: waits
  c.add(10, "ld");
  CHECK(c.text == "hello ");
  CHECK(r.buffered() == 3);
  CHECK(r.waiting_gap_bytes() == 3);
  c.add(7, "wor");  // fills it: everything flows
  CHECK(c.text == "hello world!");
  CHECK(r.buffered() == 0);
  CHECK(budget.used() == r.delivered());  // only retained bytes remain charged
  r.acked(13);
  CHECK(budget.used() == 0);
}

TEST_CASE("Overlaps: the first bytes win; differing bytes are reported", "[reassembler]") {
  BufferBudget budget(1 << 20);
  StreamReassembler r(budget, {});
  Collector c{r};
  c.add(1, "abcdef", 1);
  c.add(4, "defghi", 2);  // same bytes again, then new ones
  CHECK(c.text == "abcdefghi");
  CHECK(r.overlap_bytes() == 3);
  CHECK(r.conflicts() == 0);
  c.add(1, "abX", 3);  // a resend that differs
  CHECK(r.conflicts() == 1);
  CHECK(r.first_conflict_frame() == 3);
  CHECK(c.text == "abcdefghi");
  SECTION("also among segments still waiting") {
    c.add(20, "zzzz", 4);
    c.add(18, "yyZZ", 5);  // 20..21 differ from what waits
    CHECK(r.conflicts() == 2);
  }
}

TEST_CASE("Gaps the peer ACKed past are skipped and counted", "[reassembler]") {
  BufferBudget budget(1 << 20);
  StreamReassembler r(budget, {});
  Collector c{r};
  c.add(1, "abc");
  c.add(8, "hij");
  r.skip_to(8, c.out);  // 4..7 were ACKed by the peer but never captured
  c.take();
  CHECK(c.text == "abc~~~~hij");
  CHECK(r.missed() == 4);
  c.out.clear();
  c.add(4, "defg");  // arrives after all: an overlap, not new data
  CHECK(c.text == "abc~~~~hij");
}

TEST_CASE("Bytes cut off by the snapshot length keep their place", "[reassembler]") {
  BufferBudget budget(1 << 20);
  StreamReassembler r(budget, {});
  Collector c{r};
  c.add(1, "ab");
  c.out.clear();
  r.add_uncaptured(3, 3, 1, c.out);
  c.take();
  c.add(6, "fg");
  CHECK(c.text == "ab???fg");
  CHECK(r.missed() == 0);
  CHECK(r.uncaptured() == 3);
}

TEST_CASE("A buffer bound gives up the gap instead of growing", "[reassembler]") {
  BufferBudget budget(1 << 20);
  ReassemblyLimits limits;
  limits.per_direction = 8;
  StreamReassembler r(budget, limits);
  Collector c{r};
  c.add(1, "a");
  c.add(10, "jklmnop");  // 7 bytes wait behind a gap at 2..9
  CHECK(r.buffered() == 7);
  c.add(20, "tuvw");  // would make 11 > 8: the gap 2..9 is given up
  CHECK(r.limit_hits() == 1);
  CHECK(r.missed() == 8);
  CHECK(c.text == "a~~~~~~~~jklmnop");
  CHECK(r.buffered() == 4);  // "tuvw" now waits behind the new gap 17..19
}

TEST_CASE("The shared budget caps all reassemblers together", "[reassembler]") {
  BufferBudget budget(10);
  {
    StreamReassembler gone(budget, {});
    std::vector<StreamChunk> out;
    gone.add(1, b("ab"), 1, out);  // kept (delivered)
    gone.add(5, b("ef"), 2, out);  // waiting
    CHECK(budget.used() == 4);
  }
  CHECK(budget.used() == 0);  // a reassembler gives back all it held
  StreamReassembler a(budget, {});
  StreamReassembler z(budget, {});
  std::vector<StreamChunk> out;
  a.add(5, b("12345678"), 1, out);  // waits: 8 of 10
  z.add(5, b("abcdefgh"), 2, out);  // no room: z gives up its gap at once
  CHECK(a.buffered() == 8);
  CHECK(z.buffered() == 0);
  CHECK(z.limit_hits() == 1);
  CHECK(budget.peak() <= 10 + 8);  // at most the segment being delivered on top
}

TEST_CASE("A resend into a hole stays readable when cut-off segments wait behind it", "[reassembler]") {
  // Snapshot length 2 of 4-byte segments: 1-4 "ab??", 5-8 lost before the
  // capture point, 9-12 "ij??", then the resend of 5-8 "ef??", which
  // releases 9-12. All chunks of that packet must be readable together:
  // the known bytes after an uncaptured run used to drop the resend's.
  BufferBudget budget(1 << 20);
  StreamReassembler r(budget, {});
  Collector c{r};
  const auto segment = [&](std::int64_t at, const std::string& captured) {
    r.add(at, b(captured), 1, c.out);
    r.add_uncaptured(at + 2, 2, 1, c.out);
    c.take();  // after both calls, as a connection hands one packet's chunks on
  };
  segment(1, "ab");
  segment(9, "ij");
  CHECK(c.text == "ab??");
  segment(5, "ef");
  CHECK(c.text == "ab??ef??ij??");
  CHECK(r.uncaptured() == 6);
}
