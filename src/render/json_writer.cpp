#include "tcplens/render/json_writer.hpp"

#include <fmt/format.h>

#include "tcplens/render/visible_text.hpp"

namespace tcplens {

void append_json_string(TextBuffer& out, std::string_view s) {
  out.push_back('"');
  append_json_chars(out, s);
  out.push_back('"');
}

void JsonObject::key(std::string_view k) {
  if (!first_) out_.push_back(',');
  first_ = false;
  append_json_string(out_, k);
  out_.push_back(':');
}

JsonObject& JsonObject::field(std::string_view k, std::string_view value) {
  key(k);
  append_json_string(out_, value);
  return *this;
}

JsonObject& JsonObject::field(std::string_view k, std::uint64_t value) {
  key(k);
  print(out_, FMT_COMPILE("{}"), value);
  return *this;
}

JsonObject& JsonObject::field(std::string_view k, std::int64_t value) {
  key(k);
  print(out_, FMT_COMPILE("{}"), value);
  return *this;
}

JsonObject& JsonObject::field(std::string_view k, bool value) {
  key(k);
  append(out_, value ? "true" : "false");
  return *this;
}

JsonObject& JsonObject::field_fixed(std::string_view k, double value, int decimals) {
  key(k);
  print(out_, FMT_COMPILE("{:.{}f}"), value, decimals);
  return *this;
}

JsonObject& JsonObject::null_field(std::string_view k) {
  key(k);
  append(out_, "null");
  return *this;
}

TextBuffer& JsonObject::raw_field(std::string_view k) {
  key(k);
  return out_;
}

}  // namespace tcplens
