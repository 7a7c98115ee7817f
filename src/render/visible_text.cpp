#include "tcplens/render/visible_text.hpp"

namespace tcplens {

namespace {

constexpr bool is_printable_ascii(unsigned char c) { return c >= 0x20 && c < 0x7f; }

void append_hex_byte(TextBuffer& out, unsigned char c) {
  constexpr std::string_view kDigits = "0123456789abcdef";
  const char text[4] = {'\\', 'x', kDigits[c >> 4], kDigits[c & 0xf]};
  out.append(text, text + 4);
}

}  // namespace

Utf8Char decode_utf8(std::string_view s, std::size_t at) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned char lead = byte(at);
  std::size_t length;
  std::uint32_t cp;
  std::uint32_t min;
  if (lead < 0x80) return {1, lead};
  if (lead >= 0xc2 && lead <= 0xdf) {
    length = 2, cp = lead & 0x1fu, min = 0x80;
  } else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3, cp = lead & 0x0fu, min = 0x800;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4, cp = lead & 0x07u, min = 0x10000;
  } else {
    return {};
  }
  if (s.size() - at < length) return {};
  for (std::size_t i = 1; i < length; ++i) {
    const unsigned char c = byte(at + i);
    if ((c & 0xc0) != 0x80) return {};
    cp = (cp << 6) | (c & 0x3fu);
  }
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return {};
  return {length, cp};
}

bool is_control_or_format(std::uint32_t cp) {
  return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0xad || cp == 0x061c || (cp >= 0x200b && cp <= 0x200f) ||
         (cp >= 0x2028 && cp <= 0x202e) || (cp >= 0x2060 && cp <= 0x2069) || cp == 0xfeff ||
         (cp >= 0xfff9 && cp <= 0xfffb);
}

void append_visible(TextBuffer& out, std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (is_printable_ascii(c)) {
      out.push_back(static_cast<char>(c));
      ++i;
      continue;
    }
    const Utf8Char u = c >= 0x80 ? decode_utf8(s, i) : Utf8Char{};
    if (u.length > 0 && !is_control_or_format(u.code_point)) {
      out.append(s.data() + i, s.data() + i + u.length);
      i += u.length;
      continue;
    }
    const std::size_t n = u.length > 0 ? u.length : 1;  // a valid control character: each of its bytes
    for (std::size_t k = 0; k < n; ++k) append_hex_byte(out, static_cast<unsigned char>(s[i + k]));
    i += n;
  }
}

std::string visible(std::string_view s) {
  TextBuffer b;
  append_visible(b, s);
  return fmt::to_string(b);
}

void append_json_chars(TextBuffer& out, std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    switch (c) {
      case '"':
        append(out, "\\\"");
        ++i;
        continue;
      case '\\':
        append(out, "\\\\");
        ++i;
        continue;
      case '\n':
        append(out, "\\n");
        ++i;
        continue;
      case '\r':
        append(out, "\\r");
        ++i;
        continue;
      case '\t':
        append(out, "\\t");
        ++i;
        continue;
      default:
        break;
    }
    if (is_printable_ascii(c)) {
      out.push_back(static_cast<char>(c));
      ++i;
      continue;
    }
    const Utf8Char u = decode_utf8(s, i);
    if (u.length == 0) {  // not UTF-8: the byte as text, \xNN (its backslash escaped for JSON)
      out.push_back('\\');
      append_hex_byte(out, c);
      ++i;
      continue;
    }
    if (is_control_or_format(u.code_point)) {
      print(out, FMT_COMPILE("\\u{:04x}"), u.code_point);  // all such code points are in the BMP
    } else {
      out.append(s.data() + i, s.data() + i + u.length);
    }
    i += u.length;
  }
}

std::string xml_text(std::string_view s) {
  const std::string shown = visible(s);
  std::string out;
  out.reserve(shown.size());
  for (const char c : shown) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace tcplens
