// Output formats of flow records, behind one interface: a format is one
// file (a FlowWriter) plus a line in the registry (render/flow_writer.cpp).
// begin() before the first record, row() once per record (in stream
// order), end() after the last; each appends to the buffer it is given.
#pragma once
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "tcplens/analysis/flow_record.hpp"
#include "tcplens/render/text_buffer.hpp"

namespace tcplens {

class FlowWriter {
 public:
  virtual ~FlowWriter() = default;
  virtual void begin(TextBuffer&) {}
  virtual void row(TextBuffer& out, const FlowRecord& record) = 0;
  virtual void end(TextBuffer&) {}
};

struct FlowFormat {
  std::string_view name;
  std::string_view description;
  std::unique_ptr<FlowWriter> (*make)();
};

// Every format, the default (table) first.
std::span<const FlowFormat> flow_formats();
const FlowFormat* find_flow_format(std::string_view name);
// "table, json, csv, zeek, zeek-json": for help and error messages.
std::string flow_format_names();

// The formats' factories (one per file).
std::unique_ptr<FlowWriter> make_table_writer();
std::unique_ptr<FlowWriter> make_json_writer();
std::unique_ptr<FlowWriter> make_csv_writer();
std::unique_ptr<FlowWriter> make_zeek_writer();
std::unique_ptr<FlowWriter> make_zeek_json_writer();

}  // namespace tcplens
