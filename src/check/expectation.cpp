#include "tcplens/check/expectation.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <sstream>
#include <string_view>

#include "tcplens/analysis/flow_schema.hpp"

namespace tcplens {

namespace {

enum class ValueKind : std::uint8_t { number, word, boolean };

struct KeySpec {
  std::string_view name;
  ValueKind kind;
  std::string_view words;  // allowed words, space separated (empty: any)
};

// `connections` counts the connections a condition holds for; every other
// key is a flow record field (analysis/flow_schema).
constexpr KeySpec kConnections{"connections", ValueKind::number, ""};

ValueKind kind_of(FieldType type) {
  switch (type) {
    case FieldType::count:
    case FieldType::real:
    case FieldType::interval:
    case FieldType::time:
    case FieldType::port:
      return ValueKind::number;
    case FieldType::boolean:
      return ValueKind::boolean;
    default:
      return ValueKind::word;
  }
}

const KeySpec* find_key(const std::string& key) {
  if (key == kConnections.name) return &kConnections;
  static const std::vector<KeySpec> fields = [] {
    std::vector<KeySpec> specs;
    for (const FlowField& f : flow_schema()) specs.push_back({f.name, kind_of(f.type), f.words});
    return specs;
  }();
  for (const auto& k : fields) {
    if (k.name == key) return &k;
  }
  return nullptr;
}

// client/server spellings of the orig/resp keys and values.
std::string canonical_key(std::string key) {
  for (const auto& [from, to] :
       std::array<std::pair<std::string_view, std::string_view>, 6>{{{"client_state", "orig_state"},
                                                                     {"server_state", "resp_state"},
                                                                     {"client_pkts", "orig_pkts"},
                                                                     {"server_pkts", "resp_pkts"},
                                                                     {"client_bytes", "orig_bytes"},
                                                                     {"server_bytes", "resp_bytes"}}}) {
    if (key == from) return std::string(to);
  }
  return key;
}

std::string canonical_value(std::string value) {
  if (value == "client") return "orig";
  if (value == "server") return "resp";
  if (value == "none" || value == "nobody") return "null";
  return value;
}

bool is_number(const std::string& s) {
  if (s.empty()) return false;
  char* end = nullptr;
  std::strtod(s.c_str(), &end);
  return end != nullptr && *end == '\0';
}

bool word_allowed(const KeySpec& k, const std::string& value) {
  if (k.words.empty()) return true;
  std::istringstream words{std::string(k.words)};
  std::string w;
  while (words >> w) {
    if (w == value) return true;
  }
  return false;
}

// Splits "KEY<=VALUE" style text at the operator.
bool split_comparison(const std::string& text, std::string& key, std::string& op, std::string& value) {
  const auto pos = text.find_first_of("=<>!");
  if (pos == std::string::npos || pos == 0) return false;
  key = text.substr(0, pos);
  std::size_t end = pos + 1;
  if (end < text.size() && text[end] == '=') ++end;
  op = text.substr(pos, end - pos);
  value = text.substr(end);
  return true;
}

std::optional<CompareOp> op_of(const std::string& op) {
  if (op == "=" || op == "==") return CompareOp::eq;
  if (op == "!=") return CompareOp::ne;
  if (op == "<=") return CompareOp::le;
  if (op == ">=") return CompareOp::ge;
  if (op == "<") return CompareOp::lt;
  if (op == ">") return CompareOp::gt;
  return std::nullopt;
}

std::optional<Selector> parse_selector(const std::string& text, std::string& error) {
  std::istringstream in(text);
  std::string word;
  in >> word;
  Selector s;
  if (word == "all")
    s.kind = Selector::Kind::all;
  else if (word == "any")
    s.kind = Selector::Kind::any;
  else if (word == "stream" || word == "port") {
    std::string n;
    in >> n;
    s.kind = word == "stream" ? Selector::Kind::stream : Selector::Kind::port;
    const std::uint64_t max = s.kind == Selector::Kind::port ? 65535 : UINT64_MAX;
    const auto [end, ec] = std::from_chars(n.data(), n.data() + n.size(), s.number);
    if (!is_number(n) || ec != std::errc() || end != n.data() + n.size() || s.number > max) {
      error = fmt::format("'{}' needs a number from 0 to {}, not '{}'", word, max, n);
      return std::nullopt;
    }
  } else {
    error = fmt::format("unknown selector '{}' (use: stream N, port N, all, any)", text);
    return std::nullopt;
  }
  std::string extra;
  if (in >> extra) {
    error = fmt::format("unexpected '{}' in selector '{}'", extra, text);
    return std::nullopt;
  }
  return s;
}

}  // namespace

std::string Selector::describe() const {
  switch (kind) {
    case Kind::capture:
      return "capture";
    case Kind::stream:
      return fmt::format("stream {}", number);
    case Kind::all:
      return "all connections";
    case Kind::any:
      return "any connection";
    case Kind::port:
      return fmt::format("port {}", number);
  }
  return "?";
}

bool is_known_key(const std::string& key) { return find_key(canonical_key(key)) != nullptr; }

std::string known_keys_list() {
  std::string out(kConnections.name);
  for (const FlowField& f : flow_schema()) out += ", " + std::string(f.name);
  return out;
}

std::optional<Condition> parse_condition(const std::string& raw_key, const std::string& op_and_value,
                                         std::string& error) {
  const std::string key = canonical_key(raw_key);
  const KeySpec* spec = find_key(key);
  if (spec == nullptr) {
    error = fmt::format("unknown key '{}' (known: {})", raw_key, known_keys_list());
    return std::nullopt;
  }
  std::string text = op_and_value;
  text.erase(0, text.find_first_not_of(' '));
  std::string op = "=";
  if (!text.empty() && std::string("=<>!").find(text[0]) != std::string::npos) {
    std::size_t end = 1;
    if (text.size() > 1 && text[1] == '=') end = 2;
    op = text.substr(0, end);
    text = text.substr(end);
    text.erase(0, text.find_first_not_of(' '));
  }
  const auto cmp = op_of(op);
  if (!cmp) {
    error = fmt::format("bad operator '{}' for '{}'", op, raw_key);
    return std::nullopt;
  }
  Condition c{key, *cmp, canonical_value(text), fmt::format("{}{}{}", raw_key, op, text)};
  if (spec->kind == ValueKind::number && !is_number(c.value)) {
    error = fmt::format("'{}' needs a number, not '{}'", raw_key, text);
    return std::nullopt;
  }
  if (spec->kind != ValueKind::number && *cmp != CompareOp::eq && *cmp != CompareOp::ne) {
    error = fmt::format("'{}' is not a number: use = or !=", raw_key);
    return std::nullopt;
  }
  if (spec->kind == ValueKind::boolean && c.value != "true" && c.value != "false") {
    error = fmt::format("'{}' takes true or false, not '{}'", raw_key, text);
    return std::nullopt;
  }
  if (spec->kind == ValueKind::word && !word_allowed(*spec, c.value)) {
    error =
        fmt::format("'{}' cannot be '{}' (allowed: {}; client/server stand for orig/resp)", raw_key, text, spec->words);
    return std::nullopt;
  }
  return c;
}

ParseResult parse_expectation(const std::string& text) {
  ParseResult result;
  Assertion a;
  std::string body = text;
  const auto colon = text.find(':');
  if (colon != std::string::npos) {
    auto selector = parse_selector(text.substr(0, colon), result.error);
    if (!selector) return result;
    a.selector = *selector;
    body = text.substr(colon + 1);
  }
  std::istringstream in(body);
  std::string item;
  while (in >> item) {
    std::string key;
    std::string op;
    std::string value;
    if (!split_comparison(item, key, op, value)) {
      result.error = fmt::format("'{}' is not KEY=VALUE (or <=, >=, <, >, !=)", item);
      return result;
    }
    auto c = parse_condition(key, op + value, result.error);
    if (!c) return result;
    if (c->key == "connections") a.selector.kind = Selector::Kind::capture;
    a.conditions.push_back(*c);
  }
  if (a.conditions.empty()) {
    result.error = "nothing to check";
    return result;
  }
  const bool capture_level =
      std::any_of(a.conditions.begin(), a.conditions.end(), [](const Condition& c) { return c.key == "connections"; });
  if (capture_level && a.conditions.size() > 1) {
    result.error = "'connections' is about the whole capture: give it on its own";
    return result;
  }
  result.assertion = a;
  return result;
}

}  // namespace tcplens
