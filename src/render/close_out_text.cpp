#include "tcplens/render/close_out_text.hpp"

#include <fmt/compile.h>
#include <fmt/format.h>

#include "tcplens/render/annotation_text.hpp"

namespace tcplens {

bool is_close_out(Retirement why) { return why == Retirement::idle || why == Retirement::table_full; }

void render_close_out(TextBuffer& out, std::uint64_t stream, Retirement why, double idle_seconds) {
  fmt::format_to(std::back_inserter(out), FMT_COMPILE("{}[{}] closed out "), kAnnotationMarker, stream);
  if (why == Retirement::idle)
    fmt::format_to(std::back_inserter(out), FMT_COMPILE("after {:.3f} s idle (--idle-timeout)\n"), idle_seconds);
  else
    append(out, "to make room (--max-connections)\n");
}

}  // namespace tcplens
