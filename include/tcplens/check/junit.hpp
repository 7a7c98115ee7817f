// JUnit XML for `tcplens check --junit FILE`: one testsuite per capture,
// one testcase per assertion.
#pragma once
#include <string>
#include <vector>

#include "tcplens/check/evaluate.hpp"

namespace tcplens {

struct SuiteResults {
  std::string name;  // the capture
  std::vector<CheckResult> results;
  std::string error;  // the capture could not be read
};

std::string junit_xml(const std::vector<SuiteResults>& suites);

}  // namespace tcplens
