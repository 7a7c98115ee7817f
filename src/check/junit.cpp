#include "tcplens/check/junit.hpp"

#include <fmt/format.h>

#include "tcplens/render/visible_text.hpp"

namespace tcplens {

namespace {

std::string escape(const std::string& s) { return xml_text(s); }

}  // namespace

std::string junit_xml(const std::vector<SuiteResults>& suites) {
  std::size_t tests = 0;
  std::size_t failures = 0;
  std::size_t errors = 0;
  for (const auto& s : suites) {
    tests += s.results.size() + (s.error.empty() ? 0 : 1);
    errors += s.error.empty() ? 0 : 1;
    for (const auto& r : s.results) failures += r.passed ? 0 : 1;
  }
  std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  xml += fmt::format("<testsuites name=\"tcplens check\" tests=\"{}\" failures=\"{}\" errors=\"{}\">\n", tests,
                     failures, errors);
  for (const auto& s : suites) {
    std::size_t f = 0;
    for (const auto& r : s.results) f += r.passed ? 0 : 1;
    xml += fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\">\n", escape(s.name),
                       s.results.size() + (s.error.empty() ? 0 : 1), f, s.error.empty() ? 0 : 1);
    if (!s.error.empty()) {
      xml += fmt::format("    <testcase classname=\"{}\" name=\"read capture\">\n", escape(s.name));
      xml += fmt::format("      <error message=\"{}\"/>\n    </testcase>\n", escape(s.error));
    }
    for (const auto& r : s.results) {
      xml += fmt::format("    <testcase classname=\"{}\" name=\"{}: {}\"", escape(s.name), escape(r.subject),
                         escape(r.what));
      if (r.passed) {
        xml += "/>\n";
      } else {
        xml += fmt::format(">\n      <failure message=\"{}\"/>\n    </testcase>\n", escape(r.found));
      }
    }
    xml += "  </testsuite>\n";
  }
  xml += "</testsuites>\n";
  return xml;
}

}  // namespace tcplens
