#include "tcplens/core/ip_address.hpp"

#include <arpa/inet.h>

#include <algorithm>

namespace tcplens {

IpAddress IpAddress::v4(Bytes four) {
  IpAddress a;
  a.family = IpFamily::v4;
  std::copy_n(four.begin(), std::min<std::size_t>(4, four.size()), a.octets.begin());
  return a;
}

IpAddress IpAddress::v6(Bytes sixteen) {
  IpAddress a;
  a.family = IpFamily::v6;
  std::copy_n(sixteen.begin(), std::min<std::size_t>(16, sixteen.size()), a.octets.begin());
  return a;
}

namespace {

// Dotted quad by hand: glibc's inet_ntop formats IPv4 with sprintf, which
// cost more than the rest of a flows row.
void dotted_quad(const std::uint8_t* four, IpText& out) {
  char* p = out.chars;
  for (int i = 0; i < 4; ++i) {
    const unsigned v = four[i];
    if (v >= 100) *p++ = static_cast<char>('0' + v / 100);
    if (v >= 10) *p++ = static_cast<char>('0' + v / 10 % 10);
    *p++ = static_cast<char>('0' + v % 10);
    if (i < 3) *p++ = '.';
  }
  out.length = static_cast<std::uint8_t>(p - out.chars);
}

}  // namespace

IpText IpAddress::text() const {
  IpText t;
  if (family == IpFamily::v4) {
    dotted_quad(octets.data(), t);
    return t;
  }
  if (inet_ntop(AF_INET6, octets.data(), t.chars, sizeof t.chars) == nullptr) {
    t.chars[0] = '?';
    t.length = 1;
    return t;
  }
  t.length = static_cast<std::uint8_t>(std::char_traits<char>::length(t.chars));
  return t;
}

}  // namespace tcplens
