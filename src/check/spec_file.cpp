#include "tcplens/check/spec_file.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <filesystem>

namespace tcplens {

namespace {

std::string where(const std::string& path, const toml::node& node) {
  return fmt::format("{}:{}", path, node.source().begin.line);
}

// A TOML value as the text a condition takes ("<= 3", "server", "true").
std::string value_text(const std::string& path, const std::string& key, const toml::node& node) {
  if (const auto* s = node.as_string()) return s->get();
  if (const auto* i = node.as_integer()) return std::to_string(i->get());
  if (const auto* f = node.as_floating_point()) return fmt::format("{}", f->get());
  if (const auto* b = node.as_boolean()) return b->get() ? "true" : "false";
  throw SpecError(fmt::format("{}: '{}' must be a string, number or boolean", where(path, node), key));
}

Selector selector_of(const std::string& path, const toml::table& expect) {
  Selector s;
  if (const auto* n = expect.get("stream")) {
    const auto v = n->value<std::int64_t>();
    if (!v || *v < 0) throw SpecError(fmt::format("{}: stream must be a number", where(path, *n)));
    s.kind = Selector::Kind::stream;
    s.number = static_cast<std::uint64_t>(*v);
  } else if (const auto* p = expect.get("port")) {
    const auto v = p->value<std::int64_t>();
    if (!v || *v < 0 || *v > 65535) throw SpecError(fmt::format("{}: port must be 0-65535", where(path, *p)));
    s.kind = Selector::Kind::port;
    s.number = static_cast<std::uint64_t>(*v);
  } else if (const auto* sel = expect.get("select")) {
    const auto v = sel->value<std::string>();
    if (v == "all")
      s.kind = Selector::Kind::all;
    else if (v == "any")
      s.kind = Selector::Kind::any;
    else
      throw SpecError(fmt::format("{}: select must be \"all\" or \"any\"", where(path, *sel)));
  }
  return s;
}

Assertion assertion_of(const std::string& path, const toml::table& expect) {
  Assertion a;
  a.selector = selector_of(path, expect);
  a.line = static_cast<int>(expect.source().begin.line);
  for (const auto& [k, node] : expect) {
    const std::string key(k.str());
    if (key == "stream" || key == "port" || key == "select") continue;
    if (key == "connections") {
      throw SpecError(
          fmt::format("{}: 'connections' belongs to [[capture]], not to an expect table", where(path, node)));
    }
    std::string error;
    auto c = parse_condition(key, value_text(path, key, node), error);
    if (!c) throw SpecError(fmt::format("{}: {}", where(path, node), error));
    a.conditions.push_back(*c);
  }
  if (a.conditions.empty())
    throw SpecError(fmt::format("{}: an expect table with nothing to check", where(path, expect)));
  return a;
}

CaptureSpec capture_of(const std::string& path, const std::filesystem::path& base, const toml::table& capture) {
  CaptureSpec spec;
  for (const auto& [k, node] : capture) {
    const std::string key(k.str());
    if (key != "file" && key != "connections" && key != "expect") {
      throw SpecError(fmt::format("{}: unknown key '{}' in [[capture]] (known: file, connections, expect)",
                                  where(path, node), key));
    }
  }
  const auto file = capture["file"].value<std::string>();
  if (!file) throw SpecError(fmt::format("{}: [[capture]] needs file = \"...\"", where(path, capture)));
  spec.display = *file;
  spec.file = (base / *file).string();
  if (const auto* n = capture.get("connections")) {
    std::string error;
    auto c = parse_condition("connections", value_text(path, "connections", *n), error);
    if (!c) throw SpecError(fmt::format("{}: {}", where(path, *n), error));
    Assertion a;
    a.selector.kind = Selector::Kind::capture;
    a.conditions.push_back(*c);
    a.line = static_cast<int>(n->source().begin.line);
    spec.assertions.push_back(a);
  }
  if (const auto* expects = capture.get("expect")) {
    const auto* list = expects->as_array();
    if (list == nullptr) throw SpecError(fmt::format("{}: use [[capture.expect]] tables", where(path, *expects)));
    for (const auto& item : *list) {
      const auto* t = item.as_table();
      if (t == nullptr) throw SpecError(fmt::format("{}: expect entries must be tables", where(path, item)));
      spec.assertions.push_back(assertion_of(path, *t));
    }
  }
  return spec;
}

}  // namespace

std::vector<CaptureSpec> load_spec(const std::string& path) {
  toml::table root;
  try {
    root = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    throw SpecError(fmt::format("{}:{}: {}", path, e.source().begin.line, e.description()));
  }
  for (const auto& [k, node] : root) {
    if (k.str() != "capture") {
      throw SpecError(
          fmt::format("{}: unknown key '{}' (a spec holds [[capture]] tables)", where(path, node), k.str()));
    }
  }
  const auto* captures = root["capture"].as_array();
  if (captures == nullptr || captures->empty()) throw SpecError(fmt::format("{}: no [[capture]] tables", path));
  const auto base = std::filesystem::path(path).parent_path();
  std::vector<CaptureSpec> specs;
  for (const auto& item : *captures) {
    const auto* t = item.as_table();
    if (t == nullptr) throw SpecError(fmt::format("{}: capture entries must be tables", where(path, item)));
    specs.push_back(capture_of(path, base, *t));
  }
  return specs;
}

}  // namespace tcplens
