#include "tcplens/render/flow_writer.hpp"
#include "tcplens/render/record_json.hpp"

namespace tcplens {

namespace {

class JsonWriter final : public FlowWriter {
 public:
  void row(TextBuffer& out, const FlowRecord& f) override {
    render_flow_json(out, f);
    out.push_back('\n');
  }
};

}  // namespace

std::unique_ptr<FlowWriter> make_json_writer() { return std::make_unique<JsonWriter>(); }

}  // namespace tcplens
