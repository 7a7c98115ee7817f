// Fuzz target: the command line. The input is argv after the program name,
// arguments separated by NUL bytes; every subcommand, option and value check
// runs (nothing is executed: parse only). Any crash, hang or uncaught
// exception is a finding; so is a value that passes the checks out of range.
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "tcplens/app/command_line.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::vector<std::string> args(1);
  for (std::size_t i = 0; i < size && args.size() < 64; ++i) {
    if (data[i] == 0)
      args.emplace_back();
    else
      args.back().push_back(static_cast<char>(data[i]));
  }
  std::ostringstream out;
  std::ostringstream err;
  tcplens::CommandLine command_line;
  (void)command_line.parse(args, out, err);

  // The whole-number rule every count option uses: digits only, in range.
  for (const auto& a : args) {
    std::uint64_t v = 0;
    if (tcplens::parse_unsigned(a, 1, 65535, v) &&
        (v < 1 || v > 65535 || a.find_first_not_of("0123456789") != std::string::npos)) {
      __builtin_trap();
    }
  }
  return 0;
}
