// An IPv4 or IPv6 address, compared by value.
#pragma once
#include <array>
#include <compare>
#include <cstdint>
#include <string>

#include "tcplens/core/bytes.hpp"

namespace tcplens {

enum class IpFamily : std::uint8_t { v4 = 4, v6 = 6 };

struct IpAddress {
  IpFamily family = IpFamily::v4;
  std::array<std::uint8_t, 16> octets{};  // IPv4 uses the first 4

  static IpAddress v4(Bytes four);
  static IpAddress v6(Bytes sixteen);
  [[nodiscard]] std::size_t width() const { return family == IpFamily::v4 ? 4 : 16; }
  [[nodiscard]] std::string to_string() const;  // numeric, as tcpdump -n prints it

  friend auto operator<=>(const IpAddress&, const IpAddress&) = default;
};

}  // namespace tcplens
