// tcplens flows: one row per connection, in stream order.
#pragma once
#include <vector>

#include "tcplens/analysis/flow_record.hpp"
#include "tcplens/render/text_buffer.hpp"
#include "tcplens/render/timestamp_text.hpp"

namespace tcplens {

void render_flows_header(TextBuffer& out);
void render_flows_row(TextBuffer& out, const FlowRecord& flow);

// "client", "server", "both", "-" for the orig/resp/both/null fields.
std::string_view side_word(std::string_view field);

}  // namespace tcplens
