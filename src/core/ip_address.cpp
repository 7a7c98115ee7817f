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

std::string IpAddress::to_string() const {
  char buf[INET6_ADDRSTRLEN] = {};
  const int af = family == IpFamily::v4 ? AF_INET : AF_INET6;
  if (inet_ntop(af, octets.data(), buf, sizeof buf) == nullptr) return "?";
  return buf;
}

}  // namespace tcplens
