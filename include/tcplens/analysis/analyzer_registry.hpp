// Every application analyzer tcplens has, by name: how to tell whether a
// side's first bytes may be its protocol, and how to make one. A new
// analyzer is one file (its class, a probe and a make function) and one
// line in analyzer_registry.cpp.
#pragma once
#include <memory>
#include <span>
#include <string_view>

#include "tcplens/analysis/app_analyzer.hpp"

namespace tcplens {

struct AnalyzerEntry {
  std::string_view name;
  // May a side's first bytes be this protocol? (nullptr: the analyzer is
  // only reached by hand-over from another.)
  bool (*probe)(Role side, Bytes first, const AnalyzerConfig& config);
  std::unique_ptr<AppAnalyzer> (*make)(const AnalyzerConfig& config);
};

std::span<const AnalyzerEntry* const> analyzer_registry();
const AnalyzerEntry* find_analyzer(std::string_view name);

// The analyzers' own entries (each defined in its analyzer's file).
extern const AnalyzerEntry kHttpAnalyzer;
extern const AnalyzerEntry kLengthPrefixAnalyzer;
extern const AnalyzerEntry kWebSocketAnalyzer;

}  // namespace tcplens
