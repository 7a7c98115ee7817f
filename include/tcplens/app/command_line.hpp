// The command line: every subcommand and option (CLI11). Option values are
// checked when parsed, so a bad value is a usage error that names the
// option before anything is opened, read or written (a missing capture file
// is found by run(), which splits files from the filter). main() parses,
// runs and maps the outcome to an exit code; the fuzzer parses only.
#pragma once
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tcplens/app/exit_code.hpp"

namespace tcplens {

class CommandLine {
 public:
  CommandLine();
  ~CommandLine();
  CommandLine(const CommandLine&) = delete;
  CommandLine& operator=(const CommandLine&) = delete;

  // The arguments after the program name. An exit code when the process
  // ends here (help, version, or a usage error, already printed to out or
  // err); none when there is a command to run().
  std::optional<int> parse(std::vector<std::string> args, std::ostream& out, std::ostream& err);
  ExitCode run();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// The text of argv as one option value: digits only, within [min, max]
// ("-5", "1e3", "0x10", "" and anything past max are errors).
bool parse_unsigned(const std::string& text, std::uint64_t min, std::uint64_t max, std::uint64_t& value);

}  // namespace tcplens
