// Fuzz target: TCP option bytes, parsed for analysis and printed as tcpdump
// prints them (the first two bytes choose how many are "declared").
#include <cstdint>

#include "tcplens/decode/tcp_options.hpp"
#include "tcplens/render/tcp_options_text.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tcplens;
  if (size < 2) return 0;
  const Bytes options(data + 2, size - 2);
  parse_tcp_options(options);
  OptionsContext ctx;
  ctx.captured = options;
  ctx.declared = (data[0] % 41);  // at most 40 option bytes, sometimes more than captured
  ctx.tcp_flags = data[1];
  ctx.sack_base = 12345;
  TextBuffer out;
  render_tcp_options(out, ctx);
  return 0;
}
