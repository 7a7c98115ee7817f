#!/usr/bin/env bash
# Includes follow the pipeline: a file of one stage (its folder under src/
# or include/tcplens/) includes headers of its own stage or of stages
# before it, never after (core is below all). CMakeLists.txt builds one
# library per stage, each linking only the stages before it. The upward includes that
# exist today are listed in known_upward.txt; a new one fails, and so does
# a listed one that is gone (the list stays true).
#   check_layers.sh SOURCE_DIR
set -u
cd "$1" || exit 1
here=tests/layering
# The order is the one the code depends in: a packet meets the flow table
# before the TCP stage, but the table keeps the connections tcp/ defines,
# so tcp/ comes first here.
order=(core capture decode tcp flow analysis events render check app)
declare -A rank
for i in "${!order[@]}"; do rank[${order[$i]}]=$i; done
found=$(mktemp); trap 'rm -f "$found"' EXIT
files=0
while IFS= read -r f; do
  stage=$(sed -E 's#^(src|include/tcplens)/([^/]+)/.*#\2#' <<<"$f")
  [ "$stage" = "$f" ] && continue
  [ -n "${rank[$stage]:-}" ] || { echo "unknown stage folder: $f"; echo "unknown $f" >>"$found"; continue; }
  files=$((files + 1))
  grep -oE '#include "tcplens/[a-z_]+/[a-z_]+\.hpp"' "$f" | sed -E 's#.*"tcplens/([a-z_]+)/([a-z_]+)\.hpp"#\1 \2#' |
    while read -r s h; do
      [ -n "${rank[$s]:-}" ] || { echo "$f -> $s/$h" >>"$found"; continue; }
      [ "${rank[$s]}" -gt "${rank[$stage]}" ] && echo "$f -> $s/$h" >>"$found"
    done
done < <(git ls-files 'src/*' 'include/tcplens/*' 2>/dev/null || find src include -type f)
failed=0
while IFS= read -r line; do
  grep -qxF -- "$line" <(grep -v '^#' "$here/known_upward.txt") || { echo "upward include: $line"; failed=$((failed + 1)); }
done <"$found"
while IFS= read -r line; do
  grep -qxF -- "$line" "$found" || { echo "listed but gone (remove it from known_upward.txt): $line"; failed=$((failed + 1)); }
done < <(grep -v '^#' "$here/known_upward.txt" | grep .)
echo "layering: $files files, $(wc -l <"$found") upward includes ($(grep -vc '^#' "$here/known_upward.txt") known), $failed failures"
[ "$files" -gt 0 ] && [ "$failed" -eq 0 ]
