// Zeek's conn.log, ASCII (TSV with Zeek's header lines) and JSON: Zeek's
// fields in Zeek's order, then tcplens' own from the schema. Zeek leaves
// duration, orig_bytes and resp_bytes unset when the duration is 0
// (base/protocols/conn/main.zeek: `if ( c$duration > 0secs )`), and writes
// tunnel_parents only for tunnelled connections, as the tunnel's uid;
// tcplens does not track the tunnel as a connection, so it stays unset.
#include <fmt/format.h>

#include <array>
#include <cstdlib>
#include <ctime>

#include "tcplens/analysis/flow_schema.hpp"
#include "tcplens/render/field_json.hpp"
#include "tcplens/render/flow_writer.hpp"

namespace tcplens {

namespace {

constexpr std::array<std::string_view, 22> kZeekConnFields{
    "ts",         "uid",           "id.orig_h",      "id.orig_p",  "id.resp_h",  "id.resp_p",
    "proto",      "service",       "duration",       "orig_bytes", "resp_bytes", "conn_state",
    "local_orig", "local_resp",    "missed_bytes",   "history",    "orig_pkts",  "orig_ip_bytes",
    "resp_pkts",  "resp_ip_bytes", "tunnel_parents", "ip_proto"};

// A column: a schema field, or Zeek's tunnel_parents (never set here).
struct Column {
  std::string_view name;
  const FlowField* field;  // null: tunnel_parents
};

std::vector<Column> zeek_columns() {
  std::vector<Column> columns;
  columns.reserve(kZeekConnFields.size() + flow_schema().size());
  for (const std::string_view name : kZeekConnFields) columns.push_back({name, find_flow_field(name)});
  for (const FlowField& f : flow_schema()) {
    bool zeeks = false;
    for (const std::string_view name : kZeekConnFields) zeeks = zeeks || name == f.name;
    if (!zeeks) columns.push_back({f.name, &f});
  }
  return columns;
}

bool unset_without_duration(std::string_view name) {
  return name == "duration" || name == "orig_bytes" || name == "resp_bytes";
}

FieldValue zeek_value(const Column& c, const FlowRecord& f) {
  if (c.field == nullptr) return FieldValue::none();
  if (unset_without_duration(c.name) && !(f.duration > 0)) return FieldValue::none();
  return c.field->get(f);
}

// Zeek's ASCII escaping: the separators, backslash and bytes outside
// printable ASCII as \xNN; a value that reads as the unset or empty mark
// is escaped so that it does not.
void append_zeek_text(TextBuffer& out, std::string_view s, bool in_set) {
  if (s.empty()) {
    append(out, "(empty)");
    return;
  }
  if (s == "-") {
    append(out, "\\x2d");
    return;
  }
  for (const unsigned char c : s) {
    if (c < 0x20 || c >= 0x7f || c == '\\' || (in_set && c == ',')) {
      print(out, FMT_COMPILE("\\x{:02x}"), c);
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
}

void append_zeek_ascii(TextBuffer& out, const Column& c, const FieldValue& v) {
  if (!v.present) {
    out.push_back('-');
    return;
  }
  switch (c.field->type) {
    case FieldType::count:
    case FieldType::port:
      print(out, FMT_COMPILE("{}"), v.count);
      break;
    case FieldType::real:
      fmt::format_to(std::back_inserter(out), "{:.{}f}", v.real, v.decimals);
      break;
    case FieldType::interval:
      print(out, FMT_COMPILE("{:.6f}"), v.real);
      break;
    case FieldType::time:
      print(out, FMT_COMPILE("{:.6f}"), v.time.seconds());
      break;
    case FieldType::boolean:
      out.push_back(v.boolean ? 'T' : 'F');
      break;
    case FieldType::address:
      append(out, v.address.text().view());
      break;
    case FieldType::text:
    case FieldType::word:
    case FieldType::enumeration:
      append_zeek_text(out, v.text, false);
      break;
    case FieldType::text_set:
      for (std::size_t i = 0; i < v.set->size(); ++i) {
        if (i != 0) out.push_back(',');
        append_zeek_text(out, (*v.set)[i], true);
      }
      break;
  }
}

// Wall-clock time, as Zeek writes #open and #close (SOURCE_DATE_EPOCH,
// when set, instead: reproducible output).
void append_log_time(TextBuffer& out) {
  std::time_t now = std::time(nullptr);
  if (const char* fixed = std::getenv("SOURCE_DATE_EPOCH"); fixed != nullptr && *fixed != '\0') {
    now = static_cast<std::time_t>(std::strtoll(fixed, nullptr, 10));
  }
  std::tm tm{};
  localtime_r(&now, &tm);
  char text[32];
  const std::size_t n = std::strftime(text, sizeof text, "%Y-%m-%d-%H-%M-%S", &tm);
  append(out, std::string_view(text, n));
}

class ZeekAsciiWriter final : public FlowWriter {
 public:
  void begin(TextBuffer& out) override {
    append(out, "#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\tconn\n#open\t");
    append_log_time(out);
    append(out, "\n#fields");
    for (const Column& c : columns_) print(out, FMT_COMPILE("\t{}"), c.name);
    append(out, "\n#types");
    for (const Column& c : columns_) {
      print(out, FMT_COMPILE("\t{}"), c.field != nullptr ? zeek_type_name(c.field->type) : "set[string]");
    }
    out.push_back('\n');
  }
  void row(TextBuffer& out, const FlowRecord& f) override {
    for (std::size_t i = 0; i < columns_.size(); ++i) {
      if (i != 0) out.push_back('\t');
      append_zeek_ascii(out, columns_[i], zeek_value(columns_[i], f));
    }
    out.push_back('\n');
  }
  void end(TextBuffer& out) override {
    append(out, "#close\t");
    append_log_time(out);
    out.push_back('\n');
  }

 private:
  std::vector<Column> columns_ = zeek_columns();
};

class ZeekJsonWriter final : public FlowWriter {
 public:
  void row(TextBuffer& out, const FlowRecord& f) override {
    write_object(out, f);
    out.push_back('\n');
  }

 private:
  void write_object(TextBuffer& out, const FlowRecord& f) const {
    JsonObject o(out);
    for (const Column& c : columns_) {
      const FieldValue v = zeek_value(c, f);
      if (!v.present) continue;  // Zeek's JSON leaves unset fields out
      write_json_field(o, c.name, c.field->type, v, JsonSeconds::shortest);
    }
  }

  std::vector<Column> columns_ = zeek_columns();
};

}  // namespace

std::unique_ptr<FlowWriter> make_zeek_writer() { return std::make_unique<ZeekAsciiWriter>(); }
std::unique_ptr<FlowWriter> make_zeek_json_writer() { return std::make_unique<ZeekJsonWriter>(); }

}  // namespace tcplens
