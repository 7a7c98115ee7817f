#include "tcplens/decode/tcp_options.hpp"

#include <catch2/catch.hpp>

#include "capgen.hpp"

using namespace tcplens;

namespace {
TcpOptions parse(const capgen::Bytes& b) { return parse_tcp_options(Bytes(b.data(), b.size())); }
}  // namespace

TEST_CASE("SYN options: mss, window scale, SACK permitted, timestamps", "[decode][options]") {
  const auto o = parse(capgen::cat({capgen::opt_mss(1460), capgen::opt_sack_permitted(), capgen::opt_timestamp(7, 9),
                                    capgen::opt_nop(), capgen::opt_wscale(7)}));
  CHECK(o.mss == 1460);
  CHECK(o.wscale == 7);
  CHECK(o.sack_permitted);
  CHECK(o.ts_val == 7u);
  CHECK(o.ts_ecr == 9u);
  CHECK_FALSE(o.malformed);
}

TEST_CASE("SACK blocks", "[decode][options]") {
  const auto o = parse(capgen::cat({capgen::opt_nop(), capgen::opt_nop(), capgen::opt_sack({{10, 20}, {30, 40}})}));
  REQUIRE(o.sack_count == 2);
  CHECK(o.sack[1].left == 30);
  CHECK(o.sack[1].right == 40);
}

TEST_CASE("Bad lengths stop parsing and are flagged; EOL ends the list", "[decode][options]") {
  CHECK(parse({2, 1, 5}).malformed);
  CHECK(parse({2, 9, 5, 0xb4}).malformed);
  CHECK(parse({2}).malformed);
  const auto eol = parse({0, 2, 4, 0});
  CHECK_FALSE(eol.malformed);
  CHECK_FALSE(eol.mss.has_value());
  CHECK_FALSE(parse({2, 3, 5}).mss.has_value());  // wrong size for MSS: ignored
}
