#!/usr/bin/env bash
# A synthetic capture is only trustworthy if its generator still writes it
# byte for byte: regenerate into a temporary folder and compare.
# usage: check_generated.sh GENERATOR CAPTURE_DIR
set -eu
gen=$1; dir=$2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
"$gen" "$tmp"
status=0
for f in "$tmp"/*; do
  name=$(basename "$f")
  if ! cmp -s "$f" "$dir/$name"; then echo "differs from its generator: $dir/$name"; status=1; fi
done
echo "$(ls "$tmp" | wc -l) generated captures checked"
exit $status
