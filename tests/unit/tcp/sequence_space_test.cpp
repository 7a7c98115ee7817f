#include "tcplens/tcp/sequence_space.hpp"

#include <catch2/catch.hpp>

using namespace tcplens;

TEST_CASE("Relative numbers count from the ISN and keep counting across 2^32", "[tcp][seq]") {
  for (const std::uint32_t isn : {0u, 1000u, 0x7fffffffu, 0xfffffffeu, 0xffffff00u}) {
    SequenceSpace s;
    s.set_isn(isn);
    CHECK(s.advance(isn) == 0);
    CHECK(s.advance(isn + 1) == 1);
    std::int64_t expected = 1;
    for (int i = 0; i < 5000; ++i) {  // 5000 * 1448 bytes: past 2^32 only for large ISNs, but always 7 MB
      expected += 1448;
      CHECK(s.advance(static_cast<std::uint32_t>(isn + expected)) == expected);
    }
    CHECK(s.relative(isn + 1) == 1);  // an old number 7 MB behind still maps back to 1
  }
}

TEST_CASE("A full wrap of the sequence space in steps stays monotonic", "[tcp][seq]") {
  SequenceSpace s;
  s.set_isn(0xf0000000u);
  std::int64_t rel = 0;
  for (int i = 0; i < 40; ++i) {  // 40 * 2^28 = 10 * 2^32
    rel += 1 << 28;
    CHECK(s.advance(static_cast<std::uint32_t>(0xf0000000u + rel)) == rel);
  }
  // An old retransmission maps just behind the highest number, not 2^32 ahead.
  CHECK(s.relative(static_cast<std::uint32_t>(0xf0000000u + rel - 100)) == rel - 100);
}

TEST_CASE("Mid-stream: the first number seen is relative 1", "[tcp][seq]") {
  SequenceSpace s;
  s.set_first_seen(5);
  CHECK(s.advance(5) == 1);
  CHECK(s.relative(4) == 0);
}
