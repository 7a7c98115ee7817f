#include "tcplens/analysis/analyzer_registry.hpp"

#include <array>

namespace tcplens {

namespace {

// In probe order: for a connection's first bytes, each analyzer whose probe
// accepts them is started, in this order.
const std::array<const AnalyzerEntry*, 3> kRegistry = {
    &kHttpAnalyzer,
    &kLengthPrefixAnalyzer,
    &kWebSocketAnalyzer,
};

}  // namespace

std::span<const AnalyzerEntry* const> analyzer_registry() { return kRegistry; }

const AnalyzerEntry* find_analyzer(std::string_view name) {
  for (const AnalyzerEntry* e : kRegistry) {
    if (e->name == name) return e;
  }
  return nullptr;
}

}  // namespace tcplens
