// The flow record schema: one row per field, every field reachable by name.
#include "tcplens/analysis/flow_schema.hpp"

#include <catch2/catch.hpp>
#include <set>
#include <string>

using namespace tcplens;

TEST_CASE("Every schema field has a unique name and a description, and is found by it", "[schema]") {
  std::set<std::string_view> names;
  const FlowRecord f;
  for (const FlowField& field : flow_schema()) {
    INFO(field.name);
    CHECK(names.insert(field.name).second);
    CHECK_FALSE(field.description.empty());
    CHECK(find_flow_field(field.name) == &field);
    if (field.type == FieldType::word && !field.words.empty()) {
      const std::string text = field_text(field, f);
      // A default record's word is one of its words (or unset).
      CHECK((text == "null" || text.empty() || std::string(field.words).find(text) != std::string::npos));
    }
  }
  CHECK(find_flow_field("no_such_field") == nullptr);
}

TEST_CASE("field_text: numbers, fixed decimals, booleans and absent values", "[schema]") {
  FlowRecord f;
  f.orig_pkts = 11;
  f.duration = 1.5;
  f.rtt_min_ms = -1;  // not measured
  f.port_reuse = true;
  f.active_closer = "null";
  f.orig_h = IpAddress::v4_at(std::array<std::uint8_t, 4>{141, 42, 64, 125}.data());
  CHECK(field_text(*find_flow_field("orig_pkts"), f) == "11");
  CHECK(field_text(*find_flow_field("duration"), f) == "1.500000");
  CHECK(field_text(*find_flow_field("rtt_min_ms"), f) == "null");
  CHECK(field_text(*find_flow_field("port_reuse"), f) == "true");
  CHECK(field_text(*find_flow_field("active_closer"), f) == "null");
  CHECK(field_text(*find_flow_field("id.orig_h"), f) == "141.42.64.125");
  CHECK(field_text(*find_flow_field("service"), f) == "null");
  f.service = "http";
  CHECK(field_text(*find_flow_field("service"), f) == "http");
}

TEST_CASE("Zeek types are Zeek's spelling", "[schema]") {
  CHECK(zeek_type_name(find_flow_field("ts")->type) == "time");
  CHECK(zeek_type_name(find_flow_field("id.orig_p")->type) == "port");
  CHECK(zeek_type_name(find_flow_field("id.orig_h")->type) == "addr");
  CHECK(zeek_type_name(find_flow_field("duration")->type) == "interval");
  CHECK(zeek_type_name(find_flow_field("proto")->type) == "enum");
  CHECK(zeek_type_name(find_flow_field("local_orig")->type) == "bool");
  CHECK(zeek_type_name(find_flow_field("encap")->type) == "set[string]");
}
