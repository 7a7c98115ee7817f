// TCP options that matter for analysis (RFC 9293, 7323, 2018).
#pragma once
#include <array>
#include <cstdint>
#include <optional>

#include "tcplens/core/bytes.hpp"

namespace tcplens {

namespace tcp_option_kind {
inline constexpr std::uint8_t eol = 0;
inline constexpr std::uint8_t nop = 1;
inline constexpr std::uint8_t mss = 2;
inline constexpr std::uint8_t wscale = 3;
inline constexpr std::uint8_t sack_permitted = 4;
inline constexpr std::uint8_t sack = 5;
inline constexpr std::uint8_t timestamp = 8;
}  // namespace tcp_option_kind

struct SackBlock {
  std::uint32_t left = 0;
  std::uint32_t right = 0;
};

struct TcpOptions {
  std::optional<std::uint16_t> mss;
  std::optional<std::uint8_t> wscale;
  bool sack_permitted = false;
  std::optional<std::uint32_t> ts_val;
  std::optional<std::uint32_t> ts_ecr;
  std::array<SackBlock, 4> sack{};
  std::uint8_t sack_count = 0;
  bool malformed = false;  // a length field that does not fit, or bytes not captured
};

TcpOptions parse_tcp_options(Bytes options);

}  // namespace tcplens
