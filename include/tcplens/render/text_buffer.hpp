// The output buffer every renderer appends to.
#pragma once
#include <fmt/format.h>

namespace tcplens {

using TextBuffer = fmt::memory_buffer;

inline void append(TextBuffer& out, std::string_view s) { out.append(s.data(), s.data() + s.size()); }

}  // namespace tcplens
