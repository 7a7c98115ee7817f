// Length-prefixed messages against segment boundaries.
#include "tcplens/analysis/length_prefix_framing.hpp"

#include <catch2/catch.hpp>
#include <string>

using namespace tcplens;

namespace {
Bytes b(const std::string& s) { return Bytes(reinterpret_cast<const std::uint8_t*>(s.data()), s.size()); }
}  // namespace

TEST_CASE("Framing specs", "[framing]") {
  CHECK(parse_framing("lenprefix:2")->width == 2);
  CHECK(parse_framing("lenprefix:4:le")->big_endian == false);
  CHECK_FALSE(parse_framing("lenprefix:3"));
  CHECK_FALSE(parse_framing("http"));
}

TEST_CASE("Several messages in one segment, one message over several", "[framing]") {
  LengthPrefixFraming f(*parse_framing("lenprefix:4"));
  std::vector<FramedMessage> out;
  // Two messages stuck together in frame 7, then the prefix of a third.
  f.feed(Role::orig, b(std::string("\0\0\0\x02hi\0\0\0\x03you\0\0", 15)), 7, out);
  REQUIRE(out.size() == 2);
  CHECK(out[0].length == 2);
  CHECK(out[0].shares_segment_with == 0);
  CHECK(out[1].length == 3);
  CHECK(out[1].shares_segment_with == 1);
  out.clear();
  // Its prefix ends in frame 8, its 6 bytes run into frame 9.
  f.feed(Role::orig,
         b(std::string("\0\x06"
                       "abc",
                       5)),
         8, out);
  CHECK(out.empty());
  f.feed(Role::orig, b("def"), 9, out);
  REQUIRE(out.size() == 1);
  CHECK(out[0].number == 3);
  CHECK(out[0].first_frame == 7);
  CHECK(out[0].last_frame == 9);
}

TEST_CASE("Little-endian 2-byte prefixes", "[framing]") {
  LengthPrefixFraming f(*parse_framing("lenprefix:2:le"));
  std::vector<FramedMessage> out;
  f.feed(Role::resp, b(std::string("\x03\0abc", 5)), 1, out);
  REQUIRE(out.size() == 1);
  CHECK(out[0].length == 3);
  CHECK(out[0].side == Role::resp);
}
