// The line that says a connection left the table before it ended (idle
// past --idle-timeout, or to make room past --max-connections): one
// wording for read and live.
#pragma once
#include <cstdint>

#include "tcplens/flow/flow_table.hpp"
#include "tcplens/render/text_buffer.hpp"

namespace tcplens {

// True for the retirements that get the line (not a finished connection's
// TIME_WAIT ending, nor the end of the capture).
bool is_close_out(Retirement why);

// "    | [3] closed out after 301.250 s idle (--idle-timeout)\n" or
// "    | [3] closed out to make room (--max-connections)\n".
void render_close_out(TextBuffer& out, std::uint64_t stream, Retirement why, double idle_seconds);

}  // namespace tcplens
