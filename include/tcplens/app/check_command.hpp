// tcplens check: assertions on captures, with exit codes for CI.
#pragma once
#include <string>
#include <vector>

#include "tcplens/app/exit_code.hpp"
#include "tcplens/app/pipeline.hpp"

namespace tcplens {

struct CheckOptions {
  PipelineConfig pipeline;           // tracking bounds and analyzers, from the command line
  std::vector<std::string> inputs;   // a spec file, or captures (with --expect / --golden)
  std::vector<std::string> expects;  // --expect
  std::string junit;                 // --junit FILE
  std::string golden_dir;            // --golden DIR
  bool update = false;               // --update (with --golden)
  bool quiet = false;                // only failures and the summary
};

ExitCode run_check(const CheckOptions& options);

}  // namespace tcplens
