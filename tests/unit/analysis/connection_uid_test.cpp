// Zeek-style uids: Zeek's shape, the same for the same connection, distinct otherwise.
#include "tcplens/analysis/connection_uid.hpp"

#include <catch2/catch.hpp>
#include <set>
#include <string>

using namespace tcplens;

namespace {

ConnectionKeyForUid key(std::uint16_t port, std::int64_t sec, std::uint64_t stream) {
  const std::uint8_t a[4] = {10, 0, 0, 1};
  const std::uint8_t z[4] = {10, 0, 0, 2};
  ConnectionKeyForUid k;
  k.orig_h = IpAddress::v4(Bytes(a, 4));
  k.resp_h = IpAddress::v4(Bytes(z, 4));
  k.orig_p = port;
  k.resp_p = 80;
  k.first_seen.sec = sec;
  k.first_frame = stream;
  return k;
}

bool base62(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

}  // namespace

TEST_CASE("A uid is C and base62, as long as Zeek's (at most 1 + 6 + 11 digits)", "[uid]") {
  const std::string uid = connection_uid(key(40000, 1700000000, 0));
  REQUIRE(uid.size() >= 3);
  REQUIRE(uid.size() <= 18);
  CHECK(uid[0] == 'C');
  for (std::size_t i = 1; i < uid.size(); ++i) CHECK(base62(uid[i]));
}

TEST_CASE("The same connection gets the same uid; another port, time or stream another", "[uid]") {
  CHECK(connection_uid(key(40000, 1700000000, 0)) == connection_uid(key(40000, 1700000000, 0)));
  std::set<std::string> seen;
  for (std::uint16_t port = 40000; port < 40100; ++port) seen.insert(connection_uid(key(port, 1700000000, port)));
  seen.insert(connection_uid(key(40000, 1700000001, 40000)));  // port reuse: a later connection
  seen.insert(connection_uid(key(40000, 1700000000, 7)));
  CHECK(seen.size() == 102);
}

TEST_CASE("A damaged capture's far-future time still hashes (no overflow: UBSan)", "[uid]") {
  ConnectionKeyForUid k = key(40000, 1'699'999'999'973, 0);  // the fuzz corpus' frame, ~55,000 years ahead
  k.first_seen.frac = 999'999'999;
  k.first_seen.nano = true;
  const std::string uid = connection_uid(k);
  CHECK(uid[0] == 'C');
  CHECK(uid != connection_uid(key(40000, 1'699'999'999'972, 0)));
}
