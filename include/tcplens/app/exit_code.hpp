// The one mapping from outcomes to process exit codes.
#pragma once

namespace tcplens {

enum class ExitCode : int {
  ok = 0,
  check_failed = 1,  // tcplens check: an assertion did not hold
  usage = 2,         // bad command line
  input = 2,         // a capture could not be read (fully)
  output = 3,        // an output file could not be written (full disk, permissions)
};

constexpr int to_int(ExitCode c) { return static_cast<int>(c); }

}  // namespace tcplens
