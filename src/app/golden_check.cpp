#include "tcplens/app/golden_check.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tcplens/app/capture_run.hpp"
#include "tcplens/app/output.hpp"
#include "tcplens/render/record_json.hpp"
#include "tcplens/render/visible_text.hpp"

namespace tcplens {

namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// Line-by-line difference: removed lines with '-', added with '+'.
void print_difference(const std::vector<std::string>& want, const std::vector<std::string>& got) {
  const std::size_t n = std::max(want.size(), got.size());
  for (std::size_t i = 0; i < n; ++i) {
    const bool has_w = i < want.size();
    const bool has_g = i < got.size();
    if (has_w && has_g && want[i] == got[i]) continue;
    if (has_w) print_line("  - " + visible(want[i]));
    if (has_g) print_line("  + " + visible(got[i]));
  }
}

}  // namespace

ExitCode run_golden_check(const PipelineConfig& config, const std::string& dir,
                          const std::vector<std::string>& captures, bool update) {
  std::size_t same = 0;
  std::size_t changed = 0;
  bool unreadable = false;
  for (const auto& path : captures) {
    CaptureRunOptions run;
    run.path = path;
    std::vector<FlowRecord> records;
    if (!flow_records(config, path, records)) {
      unreadable = true;
      continue;
    }
    TextBuffer buf;
    for (const auto& f : records) {
      render_flow_json(buf, f);
      buf.push_back('\n');
    }
    const std::string actual = fmt::to_string(buf);
    const auto golden =
        std::filesystem::path(dir) / (std::filesystem::path(path).filename().string() + ".flows.ndjson");
    if (update) {
      std::filesystem::create_directories(dir);
      std::ofstream(golden) << actual;
      print_line("UPDATED " + visible(golden.string()));
      continue;
    }
    std::ifstream in(golden);
    if (!in) {
      print_line(
          fmt::format("FAIL {}: no golden file {} (create it with --update)", visible(path), visible(golden.string())));
      ++changed;
      continue;
    }
    std::stringstream expected;
    expected << in.rdbuf();
    if (expected.str() == actual) {
      print_line(fmt::format("PASS {}: flow records as in {}", visible(path), visible(golden.string())));
      ++same;
    } else {
      print_line(fmt::format("FAIL {}: flow records differ from {}", visible(path), visible(golden.string())));
      print_difference(lines_of(expected.str()), lines_of(actual));
      ++changed;
    }
  }
  if (!update) print_line(fmt::format("golden: {} passed, {} failed", same, changed));
  if (unreadable) return ExitCode::input;
  return changed == 0 ? ExitCode::ok : ExitCode::check_failed;
}

}  // namespace tcplens
