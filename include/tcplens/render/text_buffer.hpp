// The output buffer every renderer appends to.
#pragma once
#include <fmt/format.h>

namespace tcplens {

using TextBuffer = fmt::memory_buffer;

inline void append(TextBuffer& out, std::string_view s) { out.append(s.data(), s.data() + s.size()); }

// fmt::format_to into the buffer.
template <typename... Args>
void print(TextBuffer& out, fmt::format_string<Args...> f, Args&&... args) {
  fmt::format_to(std::back_inserter(out), f, std::forward<Args>(args)...);
}

}  // namespace tcplens
