// An IPv4 or IPv6 address, compared by value.
#pragma once
#include <array>
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "tcplens/core/bytes.hpp"

namespace tcplens {

enum class IpFamily : std::uint8_t { v4 = 4, v6 = 6 };

// An address as text, without a heap allocation (renderers append it).
struct IpText {
  char chars[46];  // INET6_ADDRSTRLEN
  std::uint8_t length = 0;
  [[nodiscard]] std::string_view view() const { return {chars, length}; }
};

struct IpAddress {
  IpFamily family = IpFamily::v4;
  std::array<std::uint8_t, 16> octets{};  // IPv4 uses the first 4

  static IpAddress v4(Bytes four);
  static IpAddress v6(Bytes sixteen);
  [[nodiscard]] std::size_t width() const { return family == IpFamily::v4 ? 4 : 16; }
  [[nodiscard]] IpText text() const;  // numeric, as tcpdump -n prints it
  [[nodiscard]] std::string to_string() const { return std::string(text().view()); }

  friend auto operator<=>(const IpAddress&, const IpAddress&) = default;
};

}  // namespace tcplens
