#include "tcplens/analysis/local_networks.hpp"

#include <array>

namespace tcplens {

namespace {

struct Subnet {
  IpFamily family;
  std::array<std::uint8_t, 16> prefix;
  int bits;
};

// Zeek's Site::private_address_space (scripts/base/utils/site.zeek, the
// list since Zeek 4.1; Zeek 6.0 made it local by default).
constexpr std::array<Subnet, 38> kPrivate{{
    {IpFamily::v4, {0}, 8},
    {IpFamily::v4, {10}, 8},
    {IpFamily::v4, {100, 64}, 10},
    {IpFamily::v4, {127}, 8},
    {IpFamily::v4, {169, 254}, 16},
    {IpFamily::v4, {172, 16}, 12},
    {IpFamily::v4, {192, 0, 0}, 24},
    {IpFamily::v4, {192, 0, 2}, 24},
    {IpFamily::v4, {192, 168}, 16},
    {IpFamily::v4, {198, 18}, 15},
    {IpFamily::v4, {198, 51, 100}, 24},
    {IpFamily::v4, {203, 0, 113}, 24},
    // IPv4 multicast: not in site.zeek's list, but local in every conn.log
    // baseline of Zeek's test suite here (224.0.0.251 mDNS, 224.0.0.252 LLMNR).
    {IpFamily::v4, {224}, 4},
    {IpFamily::v4, {240}, 4},
    {IpFamily::v4, {255, 255, 255, 255}, 32},
    // 6to4 forms of the IPv4 ones.
    {IpFamily::v6, {0x20, 0x02, 0x00}, 24},
    {IpFamily::v6, {0x20, 0x02, 0x0a}, 24},
    {IpFamily::v6, {0x20, 0x02, 0x64, 0x40}, 26},
    {IpFamily::v6, {0x20, 0x02, 0x7f}, 24},
    {IpFamily::v6, {0x20, 0x02, 0xa9, 0xfe}, 32},
    {IpFamily::v6, {0x20, 0x02, 0xac, 0x10}, 28},
    {IpFamily::v6, {0x20, 0x02, 0xc0, 0x00, 0x00}, 40},
    {IpFamily::v6, {0x20, 0x02, 0xc0, 0x00, 0x02}, 40},
    {IpFamily::v6, {0x20, 0x02, 0xc0, 0xa8}, 32},
    {IpFamily::v6, {0x20, 0x02, 0xc6, 0x12}, 31},
    {IpFamily::v6, {0x20, 0x02, 0xc6, 0x33, 0x64}, 40},
    {IpFamily::v6, {0x20, 0x02, 0xcb, 0x00, 0x71}, 40},
    {IpFamily::v6, {0x20, 0x02, 0xf0, 0x00}, 20},
    {IpFamily::v6, {0x20, 0x02, 0xff, 0xff, 0xff, 0xff}, 48},
    {IpFamily::v6, {}, 128},                                                // ::
    {IpFamily::v6, {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 128},  // ::1
    {IpFamily::v6, {0x00, 0x64, 0xff, 0x9b, 0x00, 0x01}, 48},
    {IpFamily::v6, {0x01, 0x00, 0, 0, 0, 0, 0, 0}, 64},
    {IpFamily::v6, {0x20, 0x01, 0x00}, 23},
    {IpFamily::v6, {0x20, 0x01, 0x00, 0x02, 0x00, 0x00}, 48},
    {IpFamily::v6, {0x20, 0x01, 0x0d, 0xb8}, 32},
    {IpFamily::v6, {0xfc}, 7},
    {IpFamily::v6, {0xfe, 0x80}, 10},
}};

bool in_subnet(const IpAddress& a, const Subnet& s) {
  if (a.family != s.family) return false;
  int bits = s.bits;
  for (std::size_t i = 0; bits > 0; ++i, bits -= 8) {
    const std::uint8_t mask = bits >= 8 ? 0xff : static_cast<std::uint8_t>(0xff << (8 - bits));
    if ((a.octets[i] & mask) != (s.prefix[i] & mask)) return false;
  }
  return true;
}

}  // namespace

bool in_private_address_space(const IpAddress& a) {
  for (const Subnet& s : kPrivate) {
    if (in_subnet(a, s)) return true;
  }
  return false;
}

}  // namespace tcplens
