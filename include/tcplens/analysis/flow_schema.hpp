// The flow record's schema: one row per field (name, type, accessor,
// description, the words it can take). Every output format (JSON, CSV,
// Zeek's conn.log, the table's columns), `tcplens check`'s keys and
// docs/json-schema.md's field list come from this one table.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tcplens/analysis/flow_record.hpp"

namespace tcplens {

// Types, with the Zeek log type each one is written as.
enum class FieldType : std::uint8_t {
  count,        // unsigned integer (Zeek count)
  real,         // fixed decimals (Zeek double)
  text,         // free text (Zeek string)
  word,         // one of a known set of words (Zeek string)
  boolean,      // (Zeek bool)
  time,         // seconds since the epoch (Zeek time)
  interval,     // seconds (Zeek interval)
  address,      // IPv4 or IPv6 (Zeek addr)
  port,         // (Zeek port)
  enumeration,  // (Zeek enum)
  text_set,     // a list of strings (Zeek set[string])
};

std::string_view zeek_type_name(FieldType type);

// One field's value in one record. `present` false: not measured / does
// not apply (JSON null, Zeek '-', an empty CSV cell).
struct FieldValue {
  bool present = true;
  bool boolean = false;
  std::uint8_t decimals = 0;  // real, time, interval
  std::uint64_t count = 0;
  double real = 0;  // real, interval
  Timestamp time;
  std::string_view text;  // text, word, enumeration
  IpAddress address;
  const std::vector<std::string>* set = nullptr;  // text_set

  static FieldValue none() {
    FieldValue v;
    v.present = false;
    return v;
  }
};

struct FlowField {
  std::string_view name;
  FieldType type;
  FieldValue (*get)(const FlowRecord&);
  std::string_view description;
  std::string_view words = {};  // word fields: every value it takes, space separated
  // JSON leaves the key out when the value is absent (instead of null).
  bool json_omit_absent = false;
};

// Every field, in the order JSON and CSV write them.
std::span<const FlowField> flow_schema();
const FlowField* find_flow_field(std::string_view name);

// A present value as text: numbers in decimal (fixed decimals for reals
// and times), words as written, booleans true/false, a set's items joined
// by commas. What `tcplens check` compares and CSV writes.
std::string value_text(FieldType type, const FieldValue& value);

// The field's value as `tcplens check` compares it: value_text, or "null"
// when absent.
std::string field_text(const FlowField& field, const FlowRecord& record);

}  // namespace tcplens
