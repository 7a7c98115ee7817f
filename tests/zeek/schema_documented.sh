#!/usr/bin/env bash
# Every flow record field (the CSV header is the schema, in order) has its
# row in docs/json-schema.md's flow table, and the table names no field
# the schema does not have.
#   schema_documented.sh TCPLENS DOCS_JSON_SCHEMA_MD CAPTURE
set -u
tcplens=$1; doc=$2; capture=$3
fields=$("$tcplens" flows --format csv "$capture" 2>/dev/null | head -1 | tr ',' '\n')
[ -n "$fields" ] || { echo "no CSV header from $tcplens"; exit 1; }
table=$(sed -n '/^## `flow`/,/^## /p' "$doc" | grep '^| `' | cut -d'|' -f2 | grep -o '`[^`]*`' | tr -d '`' | grep -v '^type$')
missing=0
for f in $fields; do
  grep -qx -- "$f" <<<"$table" || { echo "undocumented field: $f"; missing=$((missing + 1)); }
done
for f in $table; do
  grep -qx -- "$f" <<<"$fields" || { echo "documented but not in the schema: $f"; missing=$((missing + 1)); }
done
echo "schema: $(wc -l <<<"$fields") fields, $missing differences with $doc"
[ "$missing" -eq 0 ]
