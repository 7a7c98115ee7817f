// Fuzz target: `tcplens check` expectations. The first byte chooses the
// reader: even, the rest is one --expect expression, evaluated against a
// few flow records; odd, the rest is a TOML spec file. Parse errors are
// expected (a message, never a crash or an uncaught exception).
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <string>
#include <vector>

#include "tcplens/check/evaluate.hpp"
#include "tcplens/check/expectation.hpp"
#include "tcplens/check/spec_file.hpp"

namespace {

std::vector<tcplens::FlowRecord> sample_flows() {
  std::vector<tcplens::FlowRecord> flows(3);
  for (std::size_t i = 0; i < flows.size(); ++i) flows[i].stream = i;
  flows[1].resp_p = 80;
  flows[2].orig_p = 65535;
  return flows;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
  static const std::vector<tcplens::FlowRecord> flows = sample_flows();
  if ((data[0] & 1) == 0) {
    const tcplens::ParseResult p = tcplens::parse_expectation(text);
    if (p.assertion) (void)tcplens::evaluate(*p.assertion, flows);
    return 0;
  }
  const int fd = memfd_create("spec", 0);
  if (fd < 0) return 0;
  if (write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size())) {
    try {
      for (const auto& spec : tcplens::load_spec("/proc/self/fd/" + std::to_string(fd))) {
        for (const auto& a : spec.assertions) (void)tcplens::evaluate(a, flows);
      }
    } catch (const tcplens::SpecError&) {
    }
  }
  close(fd);
  return 0;
}
