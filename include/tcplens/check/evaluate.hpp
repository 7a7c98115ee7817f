// Evaluates assertions against a capture's flow records.
#pragma once
#include <string>
#include <vector>

#include "tcplens/analysis/flow_record.hpp"
#include "tcplens/check/expectation.hpp"

namespace tcplens {

struct CheckResult {
  bool passed = false;
  std::string subject;  // "stream 0", "all connections", "capture"
  std::string what;     // the condition as written
  std::string found;    // on failure: what the capture shows, with frames
  int line = 0;
};

std::vector<CheckResult> evaluate(const Assertion& a, const std::vector<FlowRecord>& flows);

}  // namespace tcplens
