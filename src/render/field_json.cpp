#include "tcplens/render/field_json.hpp"

namespace tcplens {

namespace {

void append_seconds(JsonObject& o, std::string_view name, double seconds, int decimals, JsonSeconds style) {
  if (style == JsonSeconds::fixed) {
    o.field_fixed(name, seconds, decimals);
    return;
  }
  TextBuffer text;
  print(text, FMT_COMPILE("{:.6f}"), seconds);
  std::size_t n = text.size();
  while (n > 2 && text[n - 1] == '0' && text[n - 2] != '.') --n;
  TextBuffer& out = o.raw_field(name);
  out.append(text.data(), text.data() + n);
}

}  // namespace

void write_json_field(JsonObject& o, std::string_view name, FieldType type, const FieldValue& v, JsonSeconds seconds) {
  switch (type) {
    case FieldType::count:
    case FieldType::port:
      o.field(name, v.count);
      break;
    case FieldType::real:
      o.field_fixed(name, v.real, v.decimals);
      break;
    case FieldType::interval:
      append_seconds(o, name, v.real, v.decimals, seconds);
      break;
    case FieldType::time:
      append_seconds(o, name, v.time.seconds(), v.decimals, seconds);
      break;
    case FieldType::boolean:
      o.field(name, v.boolean);
      break;
    case FieldType::address:
      o.field(name, v.address.text().view());
      break;
    case FieldType::text:
    case FieldType::word:
    case FieldType::enumeration:
      o.field(name, v.text);
      break;
    case FieldType::text_set: {
      TextBuffer& list = o.raw_field(name);
      list.push_back('[');
      for (std::size_t i = 0; i < v.set->size(); ++i) {
        if (i != 0) list.push_back(',');
        append_json_string(list, (*v.set)[i]);
      }
      list.push_back(']');
      break;
    }
  }
}

}  // namespace tcplens
