// Zeek's default local networks: its private address space.
#include "tcplens/analysis/local_networks.hpp"

#include <arpa/inet.h>

#include <catch2/catch.hpp>
#include <string>

using namespace tcplens;

namespace {

IpAddress addr(const std::string& text) {
  std::uint8_t raw[16];
  if (inet_pton(AF_INET, text.c_str(), raw) == 1) return IpAddress::v4(Bytes(raw, 4));
  REQUIRE(inet_pton(AF_INET6, text.c_str(), raw) == 1);
  return IpAddress::v6(Bytes(raw, 16));
}

}  // namespace

TEST_CASE("Private, loopback, link-local and documentation addresses are local", "[local]") {
  for (const char* a :
       {"10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.79", "127.0.0.1", "100.64.0.1", "169.254.1.1",
        "192.0.2.7", "198.18.0.1", "::1", "fe80::217:f2ff:fed7:cf65", "fd00::1", "2001:db8::1", "2002:c0a8:101::1"}) {
    INFO(a);
    CHECK(in_private_address_space(addr(a)));
  }
}

TEST_CASE("IPv4 multicast is local, IPv6 multicast is not (every conn.log baseline of Zeek's here)", "[local]") {
  // opt.basic and eight more baselines: 224.0.0.251 and 224.0.0.252 local_resp T, ff02::fb F.
  CHECK(in_private_address_space(addr("224.0.0.251")));
  CHECK(in_private_address_space(addr("224.0.0.252")));
  CHECK(in_private_address_space(addr("239.255.255.250")));
  CHECK_FALSE(in_private_address_space(addr("ff02::fb")));
}

TEST_CASE("Public addresses are not (as Zeek's opt.basic baseline shows)", "[local]") {
  for (const char* a : {"141.142.220.202", "172.32.0.1", "172.15.255.255", "8.8.8.8", "ff02::fb",
                        "2001:470:1f11:81f::1", "2607:f8b0::1", "192.169.0.1"}) {
    INFO(a);
    CHECK_FALSE(in_private_address_space(addr(a)));
  }
}
