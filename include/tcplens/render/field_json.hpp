// One flow-record field as a JSON member, for the JSON formats (tcplens'
// flow records and Zeek's JSON logs), which differ only in how times and
// intervals are written.
#pragma once
#include <string_view>

#include "tcplens/analysis/flow_schema.hpp"
#include "tcplens/render/json_writer.hpp"

namespace tcplens {

enum class JsonSeconds : std::uint8_t {
  fixed,     // the field's decimals (tcplens: 6, or 9 with --nano)
  shortest,  // as Zeek's writer prints a double: no trailing zeros, at least one decimal
};

// The value must be present (absent ones are the caller's: null or left out).
void write_json_field(JsonObject& o, std::string_view name, FieldType type, const FieldValue& v, JsonSeconds seconds);

}  // namespace tcplens
