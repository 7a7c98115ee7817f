// "Did you mean": the nearest command within 2 edits, never an option
// (that a file of that name is read instead: tests/cli/input_errors.sh).
#include "tcplens/app/mistyped_command.hpp"

#include <catch2/catch.hpp>

using namespace tcplens;

TEST_CASE("edit_distance counts insertions, deletions and substitutions") {
  CHECK(edit_distance("read", "read") == 0);
  CHECK(edit_distance("reed", "read") == 1);
  CHECK(edit_distance("flws", "flows") == 1);
  CHECK(edit_distance("", "live") == 4);
  CHECK(edit_distance("timelnie", "timeline") == 2);
}

TEST_CASE("mistyped_command offers a command close to the word, else nothing") {
  const std::vector<std::string> commands = {"read", "flows", "live", "--help"};
  CHECK(mistyped_command("reed", commands) == "read");
  CHECK(mistyped_command("flws", commands) == "flows");
  CHECK(mistyped_command("capture.pcap", commands).empty());  // far from every command: a file name
  CHECK(mistyped_command("-hepl", commands).empty());         // options are CLI11's to report
  CHECK(mistyped_command("--hlp", commands).empty());
}
