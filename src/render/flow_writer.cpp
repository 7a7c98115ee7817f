#include "tcplens/render/flow_writer.hpp"

#include <array>

namespace tcplens {

namespace {

const std::array kFormats{
    FlowFormat{"table", "aligned columns for reading", make_table_writer},
    FlowFormat{"json", "one JSON object per connection (NDJSON, docs/json-schema.md)", make_json_writer},
    FlowFormat{"csv", "RFC 4180, a header row of the schema's field names", make_csv_writer},
    FlowFormat{"zeek", "Zeek's ASCII conn.log (TSV with #fields/#types headers)", make_zeek_writer},
    FlowFormat{"zeek-json", "Zeek's JSON conn.log (one object per line)", make_zeek_json_writer},
};

}  // namespace

std::span<const FlowFormat> flow_formats() { return kFormats; }

const FlowFormat* find_flow_format(std::string_view name) {
  for (const FlowFormat& f : kFormats) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

std::string flow_format_names() {
  std::string out;
  for (const FlowFormat& f : kFormats) out += (out.empty() ? "" : ", ") + std::string(f.name);
  return out;
}

}  // namespace tcplens
