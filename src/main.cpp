// The process: parse the command line, run the command, and map every
// outcome to an exit code (here and in exit_code.hpp, nowhere else).
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>

#include "tcplens/app/command_line.hpp"
#include "tcplens/app/output.hpp"

int main(int argc, char** argv) {
  using namespace tcplens;
  CommandLine command_line;
  if (const auto done = command_line.parse({argv + 1, argv + argc}, std::cout, std::cerr)) return *done;
  ExitCode rc = command_line.run();
  int error = 0;
  if (standard_output_failed(error) && error != EPIPE) {
    std::fprintf(stderr, "tcplens: standard output: write failed: %s; the output is incomplete\n",
                 std::strerror(error));
    rc = ExitCode::output;
  }
  return to_int(rc);
}
