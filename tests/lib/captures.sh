# Shared by the comparison tests (compat, tshark, tcpflow): source it.
#   require_oracle TOOL      exits 1, saying why, when the peer tool is missing
#   read_skip_list FILE      fills the associative array `skip` with the first
#                            word of each non-comment line of FILE
#   list_captures ARG...     fills the array `captures` with ARG files and the
#                            capture files under ARG directories (by magic
#                            number, not name), sorted

declare -gA skip=()
read_skip_list() {
  local line name
  while IFS= read -r line; do
    line=${line%%#*}; name=$(echo "$line" | awk '{print $1}')
    [ -n "$name" ] && skip[$name]=1
  done < "$1"
}

declare -ga captures=()
# A capture is any file whose first four bytes are a pcap or pcapng magic
# number, whatever its name: the shared corpus holds .cap, .trace, .ntar, .raw
# and extensionless captures, and pcapng files named .pcap.
list_captures() {
  local arg f
  for arg in "$@"; do
    if [ -d "$arg" ]; then
      while IFS= read -r f; do captures+=("$f"); done < <(find "$arg" -type f -print0 | sort -z | perl -0ne '
        chomp; open my $h, "<", $_ or next; read $h, my $m, 4; close $h;
        print "$_\n" if length $m == 4 && grep { $m eq pack("H8", $_) } qw(a1b2c3d4 d4c3b2a1 a1b23c4d 4d3cb2a1 0a0d0d0a)')
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
