#include "tcplens/render/tcp_flags_text.hpp"

#include <array>
#include <utility>

#include "tcplens/decode/tcp_segment.hpp"

namespace tcplens {

namespace {
constexpr std::array<std::pair<std::uint8_t, char>, 8> kFlagLetters = {{
    {tcp_flag::fin, 'F'},
    {tcp_flag::syn, 'S'},
    {tcp_flag::rst, 'R'},
    {tcp_flag::psh, 'P'},
    {tcp_flag::ack, '.'},
    {tcp_flag::urg, 'U'},
    {tcp_flag::ece, 'E'},
    {tcp_flag::cwr, 'W'},
}};
}  // namespace

std::string tcp_flags_text(std::uint8_t flags) {
  std::string s;
  for (const auto& [bit, letter] : kFlagLetters) {
    if ((flags & bit) != 0) s += letter;
  }
  return s.empty() ? "none" : s;
}

}  // namespace tcplens
