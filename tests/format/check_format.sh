#!/usr/bin/env bash
# The C++ sources are as clang-format 14 writes them with the checked-in
# .clang-format: lists every file that drifts, fails if any does.
#   check_format.sh SOURCE_DIR
set -u
cd "$1" || exit 1
formatter=$(command -v clang-format-14 || command -v clang-format) || { echo "check_format: needs clang-format"; exit 1; }
drift=0; files=0
while IFS= read -r f; do
  files=$((files + 1))
  if ! "$formatter" --dry-run -Werror "$f" >/dev/null 2>&1; then
    echo "not formatted: $f (clang-format -i $f)"
    drift=$((drift + 1))
  fi
done < <(git ls-files 'src/*.cpp' 'src/*.hpp' 'include/*.hpp' 'tests/*.cpp' 'tests/*.hpp' 'tools/*.cpp' 'tools/*.hpp' 2>/dev/null ||
         find src include tests tools -name '*.cpp' -o -name '*.hpp')
echo "format: $files files, $drift not as clang-format writes them"
[ "$files" -gt 0 ] && [ "$drift" -eq 0 ]
