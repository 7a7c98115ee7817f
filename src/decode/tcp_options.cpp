#include "tcplens/decode/tcp_options.hpp"

namespace tcplens {

namespace {

void apply_option(TcpOptions& out, std::uint8_t kind, Bytes data) {
  using namespace tcp_option_kind;
  switch (kind) {
    case mss:
      if (data.size() == 2) out.mss = load_be16(data.data());
      break;
    case wscale:
      if (data.size() == 1) out.wscale = data[0];
      break;
    case sack_permitted:
      out.sack_permitted = true;
      break;
    case timestamp:
      if (data.size() == 8) {
        out.ts_val = load_be32(data.data());
        out.ts_ecr = load_be32(data.data() + 4);
      }
      break;
    case sack:
      for (std::size_t i = 0; i + 8 <= data.size() && out.sack_count < out.sack.size(); i += 8) {
        out.sack[out.sack_count++] = {load_be32(data.data() + i), load_be32(data.data() + i + 4)};
      }
      break;
    default:
      break;
  }
}

}  // namespace

TcpOptions parse_tcp_options(Bytes options) {
  TcpOptions out;
  std::size_t i = 0;
  while (i < options.size()) {
    const std::uint8_t kind = options[i];
    if (kind == tcp_option_kind::eol) break;
    if (kind == tcp_option_kind::nop) {
      ++i;
      continue;
    }
    if (i + 1 >= options.size()) {
      out.malformed = true;
      break;
    }
    const std::uint8_t len = options[i + 1];
    if (len < 2 || i + len > options.size()) {
      out.malformed = true;
      break;
    }
    apply_option(out, kind, options.subspan(i + 2, len - 2u));
    i += len;
  }
  return out;
}

}  // namespace tcplens
