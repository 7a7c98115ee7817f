#include "tcplens/app/check_command.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <fstream>

#include "tcplens/app/capture_run.hpp"
#include "tcplens/app/golden_check.hpp"
#include "tcplens/app/output.hpp"
#include "tcplens/check/evaluate.hpp"
#include "tcplens/check/junit.hpp"
#include "tcplens/check/spec_file.hpp"
#include "tcplens/render/visible_text.hpp"

namespace tcplens {

namespace {

void print_result(const std::string& capture, const CheckResult& r, bool quiet) {
  if (r.passed && quiet) return;
  std::string line = fmt::format("{} {}: {}: {}", r.passed ? "PASS" : "FAIL", capture, r.subject, r.what);
  if (!r.passed) line += " -- " + r.found;
  if (r.line > 0) line += fmt::format(" (spec line {})", r.line);
  print_line(visible(line));
}

SuiteResults check_capture(const PipelineConfig& config, const CaptureSpec& spec, bool quiet) {
  SuiteResults suite;
  suite.name = spec.display;
  std::vector<FlowRecord> flows;
  if (!flow_records(config, spec.file, flows)) {
    suite.error = "the capture could not be read (see the message above)";
    return suite;
  }
  for (const auto& a : spec.assertions) {
    for (auto& r : evaluate(a, flows)) {
      print_result(spec.display, r, quiet);
      suite.results.push_back(std::move(r));
    }
  }
  return suite;
}

std::vector<CaptureSpec> specs_from(const CheckOptions& o) {
  if (o.expects.empty()) {
    if (o.inputs.size() != 1) throw SpecError("give one spec file, or captures with --expect");
    return load_spec(o.inputs[0]);
  }
  std::vector<Assertion> assertions;
  for (const auto& text : o.expects) {
    const ParseResult p = parse_expectation(text);
    if (!p.assertion) throw SpecError(fmt::format("--expect '{}': {}", text, p.error));
    assertions.push_back(*p.assertion);
  }
  std::vector<CaptureSpec> specs;
  for (const auto& input : o.inputs) specs.push_back({input, input, assertions});
  return specs;
}

}  // namespace

ExitCode run_check(const CheckOptions& options) {
  if (!options.golden_dir.empty())
    return run_golden_check(options.pipeline, options.golden_dir, options.inputs, options.update);
  std::vector<CaptureSpec> specs;
  try {
    specs = specs_from(options);
  } catch (const SpecError& e) {
    std::fprintf(stderr, "tcplens: %s\n", visible(e.what()).c_str());
    return ExitCode::usage;
  }
  std::vector<SuiteResults> suites;
  std::size_t passed = 0;
  std::size_t failed = 0;
  bool unreadable = false;
  for (const auto& spec : specs) {
    suites.push_back(check_capture(options.pipeline, spec, options.quiet));
    unreadable = unreadable || !suites.back().error.empty();
    for (const auto& r : suites.back().results) (r.passed ? passed : failed) += 1;
  }
  print_line(fmt::format("check: {} passed, {} failed", passed, failed));
  flush_standard_output();
  if (!options.junit.empty()) {
    std::ofstream out(options.junit);
    out << junit_xml(suites);
    if (!out) {
      report_input_error(options.junit, "cannot write the JUnit report");
      return ExitCode::input;
    }
  }
  if (unreadable) return ExitCode::input;
  return failed == 0 ? ExitCode::ok : ExitCode::check_failed;
}

}  // namespace tcplens
