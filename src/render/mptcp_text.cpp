#include "tcplens/render/mptcp_text.hpp"

#include <fmt/format.h>

#include <array>
#include <string_view>

#include "tcplens/core/ip_address.hpp"
#include "tcplens/decode/tcp_segment.hpp"

namespace tcplens {

namespace {

using Printer = bool (*)(TextBuffer&, Bytes, std::uint8_t);

std::uint64_t load_be64(const std::uint8_t* p) { return (std::uint64_t{load_be32(p)} << 32) | load_be32(p + 4); }

bool is_syn(std::uint8_t f) { return (f & tcp_flag::syn) != 0; }
bool is_ack_only(std::uint8_t f) { return (f & (tcp_flag::syn | tcp_flag::ack)) == tcp_flag::ack; }
bool is_syn_ack(std::uint8_t f) { return (f & (tcp_flag::syn | tcp_flag::ack)) == (tcp_flag::syn | tcp_flag::ack); }

bool capable(TextBuffer& out, Bytes o, std::uint8_t flags) {
  const auto n = o.size();
  if (!((n == 12 || n == 4) && is_syn(flags)) && !((n == 20 || n == 22) && is_ack_only(flags))) return false;
  const unsigned version = o[2] & 0x0f;
  if (version > 1) {
    print(out, FMT_COMPILE(" Unknown Version ({})"), version);
    return true;
  }
  print(out, FMT_COMPILE(" v{}"), version);
  if ((o[3] & 0x80) != 0) print(out, FMT_COMPILE(" csum"));
  if (n == 12 || n >= 20) {
    print(out, FMT_COMPILE(" {{0x{:x}"), load_be64(o.data() + 4));
    if (n >= 20) print(out, FMT_COMPILE(",0x{:x}"), load_be64(o.data() + 12));
    print(out, FMT_COMPILE("}}"));
  }
  return true;
}

bool join(TextBuffer& out, Bytes o, std::uint8_t flags) {
  const auto n = o.size();
  if (!(n == 12 && is_syn(flags)) && !(n == 16 && is_syn_ack(flags)) && !(n == 24 && (flags & tcp_flag::ack) != 0)) {
    return false;
  }
  if (n != 24) {
    if ((o[2] & 0x01) != 0) print(out, FMT_COMPILE(" backup"));
    print(out, FMT_COMPILE(" id {}"), o[3]);
  }
  if (n == 12) {
    print(out, FMT_COMPILE(" token 0x{:x} nonce 0x{:x}"), load_be32(o.data() + 4), load_be32(o.data() + 8));
  } else if (n == 16) {
    print(out, FMT_COMPILE(" hmac 0x{:x} nonce 0x{:x}"), load_be64(o.data() + 4), load_be32(o.data() + 12));
  } else {
    print(out, FMT_COMPILE(" hmac 0x"));
    for (std::size_t i = 4; i < 24; ++i) print(out, FMT_COMPILE("{:02x}"), o[i]);
  }
  return true;
}

// Reads a 4- or 8-byte number from the front of rest, or fails.
bool take_number(TextBuffer& out, Bytes& rest, bool wide) {
  const std::size_t size = wide ? 8 : 4;
  if (rest.size() < size) return false;
  if (wide)
    print(out, FMT_COMPILE("{}"), load_be64(rest.data()));
  else
    print(out, FMT_COMPILE("{}"), load_be32(rest.data()));
  rest = rest.subspan(size);
  return true;
}

bool dss(TextBuffer& out, Bytes o, std::uint8_t flags) {
  if (o.size() < 4 || is_syn(flags)) return false;
  const std::uint8_t dss_flags = o[3];
  if ((dss_flags & 0x10) != 0) print(out, FMT_COMPILE(" fin"));
  Bytes rest = o.subspan(4);
  if ((dss_flags & 0x01) != 0) {
    print(out, FMT_COMPILE(" ack "));
    if (!take_number(out, rest, (dss_flags & 0x02) != 0)) return false;
  }
  if ((dss_flags & 0x04) != 0) {
    print(out, FMT_COMPILE(" seq "));
    if (!take_number(out, rest, (dss_flags & 0x08) != 0)) return false;
    if (rest.size() < 4) return false;
    print(out, FMT_COMPILE(" subseq {}"), load_be32(rest.data()));
    rest = rest.subspan(4);
    if (rest.size() < 2) return false;
    print(out, FMT_COMPILE(" len {}"), load_be16(rest.data()));
    rest = rest.subspan(2);
    if (rest.size() >= 2) {
      print(out, FMT_COMPILE(" csum 0x{:x}"), load_be16(rest.data()));
      rest = rest.subspan(2);
    }
  }
  return rest.empty();
}

std::string_view add_addr_kind(std::uint8_t bits) {
  switch (bits & 0x0f) {
    case 0x6:
      return "v0-ip6";
    case 0x4:
      return "v0-ip4";
    case 0x1:
      return "v1-echo";
    case 0x0:
      return "v1";
    default:
      return "[bad version/echo]";
  }
}

bool add_addr(TextBuffer& out, Bytes o, std::uint8_t) {
  const auto n = o.size();
  const bool v4 = n == 8 || n == 10 || n == 16 || n == 18;
  const bool v6 = n == 20 || n == 22 || n == 28 || n == 30;
  if (!v4 && !v6) return false;
  print(out, FMT_COMPILE(" {}"), add_addr_kind(o[2]));
  print(out, FMT_COMPILE(" id {}"), o[3]);
  const std::size_t addr_len = v4 ? 4 : 16;
  const IpAddress addr = v4 ? IpAddress::v4(o.subspan(4, 4)) : IpAddress::v6(o.subspan(4, 16));
  print(out, FMT_COMPILE(" {}"), addr.text().view());
  const bool has_port = n == 10 || n == 18 || n == 22 || n == 30;
  std::size_t at = 4 + addr_len;
  if (has_port) {
    print(out, FMT_COMPILE(":{}"), load_be16(o.data() + at));
    at += 2;
  }
  if (n == 16 || n == 18 || n == 28 || n == 30) print(out, FMT_COMPILE(" hmac 0x{:x}"), load_be64(o.data() + at));
  return true;
}

bool remove_addr(TextBuffer& out, Bytes o, std::uint8_t) {
  if (o.size() < 4) return false;
  print(out, FMT_COMPILE(" id"));
  for (std::size_t i = 3; i < o.size(); ++i) print(out, FMT_COMPILE(" {}"), o[i]);
  return true;
}

bool prio(TextBuffer& out, Bytes o, std::uint8_t) {
  if (o.size() != 3 && o.size() != 4) return false;
  append(out, (o[2] & 0x01) != 0 ? " backup" : " non-backup");
  if (o.size() == 4) print(out, FMT_COMPILE(" id {}"), o[3]);
  return true;
}

bool fail(TextBuffer& out, Bytes o, std::uint8_t) {
  if (o.size() != 12) return false;
  print(out, FMT_COMPILE(" seq {}"), load_be64(o.data() + 4));
  return true;
}

bool fast_close(TextBuffer& out, Bytes o, std::uint8_t) {
  if (o.size() != 12) return false;
  print(out, FMT_COMPILE(" key 0x{:x}"), load_be64(o.data() + 4));
  return true;
}

bool unknown(TextBuffer&, Bytes, std::uint8_t) { return true; }

struct Subtype {
  std::string_view name;
  Printer printer;
};

// tcpdump 4.99.3 knows subtypes 0-7; everything above prints as "unknown".
constexpr std::array<Subtype, 9> kSubtypes = {{
    {"capable", capable},
    {"join", join},
    {"dss", dss},
    {"add-addr", add_addr},
    {"rem-addr", remove_addr},
    {"prio", prio},
    {"fail", fail},
    {"fast-close", fast_close},
    {"unknown", unknown},
}};

}  // namespace

bool render_mptcp_option(TextBuffer& out, Bytes option, std::uint8_t tcp_flags) {
  if (option.size() < 3) return false;
  std::size_t subtype = option[2] >> 4;
  if (subtype >= kSubtypes.size()) subtype = kSubtypes.size() - 1;
  print(out, FMT_COMPILE(" {}"), option.size());
  print(out, FMT_COMPILE(" {}"), kSubtypes[subtype].name);
  return kSubtypes[subtype].printer(out, option, tcp_flags);
}

}  // namespace tcplens
