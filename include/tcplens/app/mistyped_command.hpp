// "Did you mean": a first word on the command line that is no command and
// no file, but close to a command's name.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace tcplens {

// Levenshtein distance (short words only).
std::size_t edit_distance(const std::string& a, const std::string& b);

// The command `word` was meant to be, when it is within 2 edits of one of
// `commands` (options, starting with '-', are not offered) and no file of
// that name exists; empty otherwise (then it is a file for the default
// command, read).
std::string mistyped_command(const std::string& word, const std::vector<std::string>& commands);

}  // namespace tcplens
