#include "tcplens/app/mistyped_command.hpp"

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace tcplens {

std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

std::string mistyped_command(const std::string& word, const std::vector<std::string>& commands) {
  if (word.empty() || word[0] == '-' || word.size() > 16) return {};
  std::error_code ec;
  if (std::filesystem::exists(word, ec)) return {};
  for (const auto& c : commands)
    if (c[0] != '-' && edit_distance(word, c) <= 2) return c;
  return {};
}

}  // namespace tcplens
