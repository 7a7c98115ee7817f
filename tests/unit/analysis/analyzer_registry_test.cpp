// The registry of application analyzers: names, probes, and what each makes.
#include "tcplens/analysis/analyzer_registry.hpp"

#include <catch2/catch.hpp>
#include <set>
#include <string>

using namespace tcplens;

TEST_CASE("Every analyzer is registered once, by name", "[analyzer]") {
  std::set<std::string_view> names;
  for (const AnalyzerEntry* e : analyzer_registry()) {
    CHECK(names.insert(e->name).second);
    REQUIRE(e->make != nullptr);
    CHECK(e->make(AnalyzerConfig{}) != nullptr);
    CHECK(find_analyzer(e->name) == e);
  }
  CHECK(names == std::set<std::string_view>{"http", "lenprefix", "websocket"});
  CHECK(find_analyzer("gopher") == nullptr);
}

TEST_CASE("Probes: HTTP by content, framing by the option, WebSocket only by hand-over", "[analyzer]") {
  const std::string get = "GET / HTTP/1.1\r\n";
  const Bytes bytes(reinterpret_cast<const std::uint8_t*>(get.data()), get.size());
  AnalyzerConfig config;
  CHECK(find_analyzer("http")->probe(Role::orig, bytes, config));
  CHECK_FALSE(find_analyzer("http")->probe(Role::resp, bytes, config));
  CHECK_FALSE(find_analyzer("lenprefix")->probe(Role::orig, bytes, config));
  config.framing = FramingSpec{2, true};
  CHECK(find_analyzer("lenprefix")->probe(Role::orig, bytes, config));
  CHECK(find_analyzer("websocket")->probe == nullptr);
}
