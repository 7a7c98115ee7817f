// The output buffer every renderer appends to.
#pragma once
#include <fmt/compile.h>
#include <fmt/format.h>

namespace tcplens {

using TextBuffer = fmt::memory_buffer;

inline void append(TextBuffer& out, std::string_view s) { out.append(s.data(), s.data() + s.size()); }

// fmt::format_to into the buffer. Formats are FMT_COMPILE("..."): parsed
// when tcplens is compiled, not for every line (parsing at run time was over
// a third of `read`'s instructions).
template <typename CompiledFormat, typename... Args>
void print(TextBuffer& out, const CompiledFormat& f, Args&&... args) {
  static_assert(fmt::detail::is_compiled_string<CompiledFormat>::value, "wrap the format in FMT_COMPILE");
  fmt::format_to(std::back_inserter(out), f, std::forward<Args>(args)...);
}

}  // namespace tcplens
