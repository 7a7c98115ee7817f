#include "tcplens/render/http_text.hpp"

#include <algorithm>
#include <array>
#include <string_view>

namespace tcplens {

namespace {

// Ports tcpdump dispatches to other printers before it tries HTTP.
constexpr std::array<std::uint16_t, 11> kEarlierPorts = {23, 25, 43, 179, 1723, 6379, 22, 10288, 6633, 6653, 21};

// tcpdump's list of HTTP request methods (print-http.c).
constexpr std::array<std::string_view, 39> kMethods = {"GET",
                                                       "PUT",
                                                       "COPY",
                                                       "HEAD",
                                                       "LOCK",
                                                       "MOVE",
                                                       "POLL",
                                                       "POST",
                                                       "BCOPY",
                                                       "BMOVE",
                                                       "MKCOL",
                                                       "TRACE",
                                                       "LABEL",
                                                       "MERGE",
                                                       "DELETE",
                                                       "SEARCH",
                                                       "UNLOCK",
                                                       "REPORT",
                                                       "UPDATE",
                                                       "NOTIFY",
                                                       "BDELETE",
                                                       "CONNECT",
                                                       "OPTIONS",
                                                       "CHECKIN",
                                                       "PROPFIND",
                                                       "CHECKOUT",
                                                       "CHECKOUT",
                                                       "SUBSCRIBE",
                                                       "PROPPATCH",
                                                       "BPROPFIND",
                                                       "BPROPPATCH",
                                                       "UNCHECKOUT",
                                                       "MKACTIVITY",
                                                       "MKWORKSPACE",
                                                       "UNSUBSCRIBE",
                                                       "RPC_IN_DATA",
                                                       "RPC_OUT_DATA",
                                                       "VERSION-CONTROL",
                                                       "BASELINE-CONTROL"};

constexpr std::size_t kMaxToken = 128;

constexpr bool is_print(std::uint8_t c) { return c >= 0x20 && c <= 0x7e; }
constexpr bool is_space(std::uint8_t c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
constexpr char to_upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }

bool equals_ignore_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return to_upper(x) == to_upper(y); });
}

// tcpdump's fetch_token: a printable ASCII token, then any blanks before the
// next token or the end of line. Returns the index after that, 0 for none.
std::size_t fetch_token(Bytes p, std::size_t idx, std::size_t len, std::string& token) {
  token.clear();
  for (; idx < len; ++idx) {
    if (idx >= p.size()) return 0;
    const std::uint8_t c = p[idx];
    if (c >= 0x80) return 0;
    if (is_space(c)) break;
    if (!is_print(c)) return 0;
    if (token.size() + 2 > kMaxToken + 1) return 0;
    token.push_back(static_cast<char>(c));
  }
  if (token.empty()) return 0;
  for (; idx < len; ++idx) {
    if (idx >= p.size()) break;
    const std::uint8_t c = p[idx];
    if (c == '\r' || c == '\n') break;
    if (!is_print(c)) break;
    if (!is_space(c)) break;
  }
  return idx;
}

bool is_status_code(std::string_view t) {
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  return t.size() == 3 && digit(t[0]) && digit(t[1]) && digit(t[2]);
}

bool looks_like_request_or_response(Bytes payload, std::size_t len) {
  std::string token;
  std::size_t idx = fetch_token(payload, 0, len, token);
  if (idx == 0) return false;
  bool yes =
      std::any_of(kMethods.begin(), kMethods.end(), [&](std::string_view m) { return equals_ignore_case(token, m); });
  idx = fetch_token(payload, idx, len, token);
  if (idx != 0 && is_status_code(token)) yes = true;
  return yes;
}

// tcpdump's print_txt_line with prefix ": ", for the first line only.
void append_first_line(TextBuffer& out, Bytes p, std::size_t len) {
  std::size_t idx = 0;
  while (idx < len) {
    if (idx >= p.size()) {  // ran off the captured bytes: tcpdump stops the line here
      append(out, " [|http]");
      return;
    }
    const std::uint8_t c = p[idx];
    if (c == '\n') break;
    if (c == '\r') {
      if (idx + 1 >= len) return;
      if (idx + 1 >= p.size()) {
        append(out, " [|http]");
        return;
      }
      if (p[idx + 1] == '\n') break;
      return;
    }
    if (!is_print(c) && c != '\t') return;
    ++idx;
  }
  append(out, ": ");
  out.append(p.data(), p.data() + idx);
  // All printable but no line end in the segment: tcpdump treats the line
  // as truncated.
  if (idx == len) append(out, " [|http]");
}

}  // namespace

bool tcpdump_prints_http(std::uint16_t src_port, std::uint16_t dst_port) {
  for (const auto port : kEarlierPorts) {
    if (src_port == port || dst_port == port) return false;
  }
  return src_port == 80 || dst_port == 80 || src_port == 8080 || dst_port == 8080;
}

void render_http_suffix(TextBuffer& out, Bytes payload, std::uint32_t length) {
  append(out, ": HTTP");
  if (looks_like_request_or_response(payload, length)) append_first_line(out, payload, length);
}

}  // namespace tcplens
