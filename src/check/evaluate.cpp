#include "tcplens/check/evaluate.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <optional>

#include "tcplens/analysis/flow_schema.hpp"

namespace tcplens {

namespace {

std::string field_value(const FlowRecord& f, const std::string& key) {
  const FlowField* field = find_flow_field(key);
  return field != nullptr ? field_text(*field, f) : std::string();
}

std::optional<double> as_number(const std::string& s) {
  if (s.empty()) return std::nullopt;
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (end == nullptr || *end != '\0') return std::nullopt;
  return v;
}

bool compare(const std::string& actual, CompareOp op, const std::string& wanted) {
  const auto a = as_number(actual);
  const auto w = as_number(wanted);
  if (op == CompareOp::eq) return a && w ? *a == *w : actual == wanted;
  if (op == CompareOp::ne) return a && w ? *a != *w : actual != wanted;
  if (!a || !w) return false;
  switch (op) {
    case CompareOp::le:
      return *a <= *w;
    case CompareOp::ge:
      return *a >= *w;
    case CompareOp::lt:
      return *a < *w;
    case CompareOp::gt:
      return *a > *w;
    default:
      return false;
  }
}

// The frames a reader should look at to see why a field has its value.
std::string evidence(const FlowRecord& f, const std::string& key) {
  std::string s = fmt::format("first frame {}", f.first_frame);
  const bool about_close = key == "close" || key == "active_closer" || key == "time_wait" || key == "reset_by" ||
                           key == "conn_state" || key == "orig_state" || key == "resp_state";
  if (about_close && f.first_fin_frame) s += fmt::format(", first FIN frame {}", f.first_fin_frame);
  if (about_close && f.rst_frame) s += fmt::format(", first RST frame {}", f.rst_frame);
  if (key == "retransmissions" && f.first_retransmission_frame) {
    s += fmt::format(", first retransmission frame {}", f.first_retransmission_frame);
  }
  return s;
}

std::string shown(const std::string& key, const std::string& value) {
  if (key == "active_closer" || key == "time_wait" || key == "reset_by") {
    if (value == "orig") return "client (orig)";
    if (value == "resp") return "server (resp)";
  }
  return value;
}

CheckResult check_one(const FlowRecord& f, const Condition& c, const std::string& subject) {
  CheckResult r;
  r.subject = subject;
  r.what = c.text;
  const std::string actual = field_value(f, c.key);
  r.passed = compare(actual, c.op, c.value);
  if (!r.passed) r.found = fmt::format("found {}={} ({})", c.key, shown(c.key, actual), evidence(f, c.key));
  return r;
}

bool selected(const Selector& s, const FlowRecord& f) {
  switch (s.kind) {
    case Selector::Kind::stream:
      return f.stream == s.number;
    case Selector::Kind::port:
      return f.orig_p == s.number || f.resp_p == s.number;
    default:
      return true;
  }
}

}  // namespace

std::vector<CheckResult> evaluate(const Assertion& a, const std::vector<FlowRecord>& flows) {
  std::vector<CheckResult> results;
  if (a.selector.kind == Selector::Kind::capture) {
    for (const auto& c : a.conditions) {
      CheckResult r;
      r.subject = "capture";
      r.what = c.text;
      r.passed = compare(std::to_string(flows.size()), c.op, c.value);
      if (!r.passed) r.found = fmt::format("found {} connections", flows.size());
      r.line = a.line;
      results.push_back(r);
    }
    return results;
  }
  std::vector<const FlowRecord*> picked;
  for (const auto& f : flows) {
    if (selected(a.selector, f)) picked.push_back(&f);
  }
  for (const auto& c : a.conditions) {
    CheckResult r;
    r.subject = a.selector.describe();
    r.what = c.text;
    r.line = a.line;
    if (picked.empty()) {
      r.found = fmt::format("no such connection (the capture has {})", flows.size());
    } else if (a.selector.kind == Selector::Kind::any) {
      for (const auto* f : picked) r.passed = r.passed || check_one(*f, c, "").passed;
      if (!r.passed) r.found = fmt::format("none of the {} connections has it", picked.size());
    } else {
      r.passed = true;
      for (const auto* f : picked) {
        const CheckResult one = check_one(*f, c, "");
        if (one.passed) continue;
        r.passed = false;
        r.found = picked.size() == 1 ? one.found : fmt::format("stream {}: {}", f->stream, one.found);
        break;
      }
    }
    results.push_back(r);
  }
  return results;
}

}  // namespace tcplens
