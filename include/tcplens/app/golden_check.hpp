// tcplens check --golden DIR captures...: each capture's flow records
// compared with DIR/<capture name>.flows.ndjson; --update rewrites them.
#pragma once
#include <string>
#include <vector>

#include "tcplens/app/exit_code.hpp"
#include "tcplens/app/pipeline.hpp"

namespace tcplens {

ExitCode run_golden_check(const PipelineConfig& config, const std::string& dir,
                          const std::vector<std::string>& captures, bool update);

}  // namespace tcplens
