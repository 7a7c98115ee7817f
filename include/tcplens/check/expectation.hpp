// What `tcplens check` asserts about a capture: conditions on flow-record
// fields, for the connections a selector picks.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tcplens {

enum class CompareOp : std::uint8_t { eq, ne, le, ge, lt, gt };

struct Condition {
  std::string key;  // a flow-record field, or "connections"
  CompareOp op = CompareOp::eq;
  std::string value;  // normalised: client -> orig, server -> resp, none -> null
  std::string text;   // as written, for messages ("active_closer=server")
};

// Which connections an assertion is about.
struct Selector {
  enum class Kind : std::uint8_t { capture, stream, all, any, port } kind = Kind::all;
  std::uint64_t number = 0;  // stream number or port
  [[nodiscard]] std::string describe() const;
};

struct Assertion {
  Selector selector;
  std::vector<Condition> conditions;
  int line = 0;  // in the spec file; 0 for --expect
};

struct ParseResult {
  std::optional<Assertion> assertion;
  std::string error;  // set when assertion is empty
};

// The --expect grammar: "[SELECTOR:] KEY OP VALUE ..." where SELECTOR is
// "stream N", "all", "any" or "port N" (default: all), OP is = != <= >= < >.
// "connections OP N" may stand alone (it is about the whole capture).
ParseResult parse_expectation(const std::string& text);

// Parses one "KEY OP VALUE" (or a TOML key with a value that may start with
// an operator: "<= 3"); checks the key and the value.
std::optional<Condition> parse_condition(const std::string& key, const std::string& op_and_value, std::string& error);

// Fields a condition may name, with the values they accept.
bool is_known_key(const std::string& key);
std::string known_keys_list();

}  // namespace tcplens
