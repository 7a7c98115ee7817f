// A small NDJSON object writer: keys in the order written, strings escaped.
#pragma once
#include <cstdint>
#include <string_view>

#include "tcplens/render/text_buffer.hpp"

namespace tcplens {

class JsonObject {
 public:
  explicit JsonObject(TextBuffer& out) : out_(out) { out_.push_back('{'); }
  JsonObject(const JsonObject&) = delete;
  JsonObject& operator=(const JsonObject&) = delete;
  ~JsonObject() { out_.push_back('}'); }

  JsonObject& field(std::string_view key, std::string_view value);
  JsonObject& field(std::string_view key, const char* value) { return field(key, std::string_view(value)); }
  JsonObject& field(std::string_view key, std::uint64_t value);
  JsonObject& field(std::string_view key, std::int64_t value);
  JsonObject& field(std::string_view key, std::uint32_t value) { return field(key, std::uint64_t{value}); }
  JsonObject& field(std::string_view key, std::uint16_t value) { return field(key, std::uint64_t{value}); }
  JsonObject& field(std::string_view key, bool value);
  JsonObject& field_fixed(std::string_view key, double value, int decimals);
  JsonObject& null_field(std::string_view key);
  // The raw JSON of a nested value (an array or object the caller writes).
  TextBuffer& raw_field(std::string_view key);

 private:
  void key(std::string_view k);
  TextBuffer& out_;
  bool first_ = true;
};

void append_json_string(TextBuffer& out, std::string_view s);

}  // namespace tcplens
