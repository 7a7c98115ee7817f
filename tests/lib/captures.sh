# Shared by the comparison tests (compat, tshark, tcpflow): source it.
#   require_oracle TOOL      exits 1, saying why, when the peer tool is missing
#   read_skip_list FILE      fills the associative array `skip` with the first
#                            word of each non-comment line of FILE
#   list_captures ARG...     fills the array `captures` with ARG files and the
#                            .pcap/.pcapng files under ARG directories, sorted

declare -gA skip=()
read_skip_list() {
  local line name
  while IFS= read -r line; do
    line=${line%%#*}; name=$(echo "$line" | awk '{print $1}')
    [ -n "$name" ] && skip[$name]=1
  done < "$1"
}

declare -ga captures=()
list_captures() {
  local arg f
  for arg in "$@"; do
    if [ -d "$arg" ]; then
      while IFS= read -r f; do captures+=("$f"); done < <(find "$arg" -type f \( -name '*.pcap' -o -name '*.pcapng' \) | sort)
    else
      captures+=("$arg")
    fi
  done
}

require_oracle() {
  command -v "$1" >/dev/null && return 0
  echo "$1 is not installed: cannot compare (tools/install-deps installs it)"
  exit 1
}
