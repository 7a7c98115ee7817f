// RFC 4180: CRLF-free rows ending in "\n" (as Python's csv and DuckDB
// accept), a header row of the schema's names, fields quoted when they
// hold a comma, a quote or a line break (quotes doubled), absent values
// as empty fields.
#include "tcplens/analysis/flow_schema.hpp"
#include "tcplens/render/flow_writer.hpp"

namespace tcplens {

namespace {

bool needs_quotes(std::string_view s) { return s.find_first_of(",\"\r\n") != std::string_view::npos; }

void append_csv_text(TextBuffer& out, std::string_view s) {
  if (!needs_quotes(s)) {
    append(out, s);
    return;
  }
  out.push_back('"');
  for (const char c : s) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

void append_csv_value(TextBuffer& out, const FlowField& field, const FieldValue& v) {
  if (v.present) append_csv_text(out, value_text(field.type, v));
}

class CsvWriter final : public FlowWriter {
 public:
  void begin(TextBuffer& out) override {
    bool first = true;
    for (const FlowField& field : flow_schema()) {
      if (!first) out.push_back(',');
      first = false;
      append_csv_text(out, field.name);
    }
    out.push_back('\n');
  }
  void row(TextBuffer& out, const FlowRecord& f) override {
    bool first = true;
    for (const FlowField& field : flow_schema()) {
      if (!first) out.push_back(',');
      first = false;
      append_csv_value(out, field, field.get(f));
    }
    out.push_back('\n');
  }
};

}  // namespace

std::unique_ptr<FlowWriter> make_csv_writer() { return std::make_unique<CsvWriter>(); }

}  // namespace tcplens
