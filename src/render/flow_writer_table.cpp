#include "tcplens/render/flow_writer.hpp"
#include "tcplens/render/flows_table.hpp"

namespace tcplens {

namespace {

class TableWriter final : public FlowWriter {
 public:
  void begin(TextBuffer& out) override { render_flows_header(out); }
  void row(TextBuffer& out, const FlowRecord& f) override { render_flows_row(out, f); }
};

}  // namespace

std::unique_ptr<FlowWriter> make_table_writer() { return std::make_unique<TableWriter>(); }

}  // namespace tcplens
