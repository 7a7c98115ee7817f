// An IPv4 or IPv6 address, compared by value.
#pragma once
#include <array>
#include <compare>
#include <cstdint>
#include <cstring>
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
  // From 4 (16) bytes known to be there: inline, and the octets written in
  // one store (decoders' hot path; a 4-byte store then a 16-byte copy of
  // the returned address stalls store forwarding).
  static IpAddress v4_at(const std::uint8_t* four) {
    IpAddress a;
    std::uint32_t word = 0;
    std::memcpy(&word, four, 4);
    std::array<std::uint32_t, 4> words{word, 0, 0, 0};
    std::memcpy(a.octets.data(), words.data(), 16);
    return a;
  }
  static IpAddress v6_at(const std::uint8_t* sixteen) {
    IpAddress a;
    a.family = IpFamily::v6;
    std::memcpy(a.octets.data(), sixteen, 16);
    return a;
  }
  [[nodiscard]] std::size_t width() const { return family == IpFamily::v4 ? 4 : 16; }
  [[nodiscard]] IpText text() const;  // numeric, as tcpdump -n prints it
  [[nodiscard]] std::string to_string() const { return std::string(text().view()); }

  friend auto operator<=>(const IpAddress&, const IpAddress&) = default;
};

}  // namespace tcplens
