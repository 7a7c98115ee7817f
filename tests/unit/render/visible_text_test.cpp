#include "tcplens/render/visible_text.hpp"

#include <catch2/catch.hpp>

using namespace tcplens;

namespace {

std::string json_chars(std::string_view s) {
  TextBuffer b;
  append_json_chars(b, s);
  return fmt::to_string(b);
}

}  // namespace

TEST_CASE("visible: printable ASCII and UTF-8 text pass unchanged") {
  CHECK(visible("GET /index.html?a=1&b=<2> \"x\" 'y' \\z") == "GET /index.html?a=1&b=<2> \"x\" 'y' \\z");
  CHECK(visible("\xe4\xb8\x89\xe6\xac\xa1\xe6\x8f\xa1\xe6\x89\x8b.pcap") ==
        "\xe4\xb8\x89\xe6\xac\xa1\xe6\x8f\xa1\xe6\x89\x8b.pcap");
  CHECK(visible("caf\xc3\xa9 \xf0\x9f\x98\x80") == "caf\xc3\xa9 \xf0\x9f\x98\x80");
}

TEST_CASE("visible: every control byte is \\xNN, so no escape sequence reaches a terminal") {
  CHECK(visible("\x1b]52;c;aGVsbG8=\x07") == "\\x1b]52;c;aGVsbG8=\\x07");  // OSC 52 clipboard write
  CHECK(visible("\x1b[2J") == "\\x1b[2J");
  CHECK(visible("a\rb\nc\td") == "a\\x0db\\x0ac\\x09d");
  CHECK(visible(std::string_view("\0\x7f", 2)) == "\\x00\\x7f");
  for (int c = 0; c < 0x20; ++c) {
    const std::string shown = visible(std::string(1, static_cast<char>(c)));
    CHECK(shown.size() == 4);
    CHECK(shown.substr(0, 2) == "\\x");
  }
}

TEST_CASE("visible: C1 controls, bidi overrides and invalid UTF-8 are escaped byte by byte") {
  CHECK(visible("\xc2\x9b"
                "2J") == "\\xc2\\x9b2J");  // U+009B CSI
  CHECK(visible("ab\xe2\x80\xae"
                "cd") == "ab\\xe2\\x80\\xaecd");  // U+202E RIGHT-TO-LEFT OVERRIDE
  CHECK(visible("\xff\xfe") == "\\xff\\xfe");
  CHECK(visible("\xc0\xaf") == "\\xc0\\xaf");           // overlong '/'
  CHECK(visible("\xed\xa0\x80") == "\\xed\\xa0\\x80");  // a surrogate
  CHECK(visible("\xe4\xb8") == "\\xe4\\xb8");           // cut short
}

TEST_CASE("decode_utf8 takes valid sequences only") {
  CHECK(decode_utf8("\xf4\x8f\xbf\xbf", 0).code_point == 0x10ffff);
  CHECK(decode_utf8("\xf4\x90\x80\x80", 0).length == 0);  // past U+10FFFF
  CHECK(decode_utf8("\xe0\x80\x80", 0).length == 0);      // overlong
  CHECK(decode_utf8("\xc3\xa9", 0).length == 2);
}

TEST_CASE("JSON strings: controls as \\u, invalid bytes as the text \\xNN, UTF-8 kept") {
  CHECK(json_chars("a\"b\\c\n\r\t") == "a\\\"b\\\\c\\n\\r\\t");
  CHECK(json_chars("\x1b[2J\x07") == "\\u001b[2J\\u0007");
  CHECK(json_chars("\x7f") == "\\u007f");
  CHECK(json_chars("\xc2\x9b") == "\\u009b");
  CHECK(json_chars("\xe2\x80\xae") == "\\u202e");
  CHECK(json_chars("\xff") == "\\\\xff");
  CHECK(json_chars("caf\xc3\xa9") == "caf\xc3\xa9");
}

TEST_CASE("XML text: entities, and no byte XML 1.0 cannot hold") {
  CHECK(xml_text("a<b>&\"'") == "a&lt;b&gt;&amp;&quot;&apos;");
  CHECK(xml_text("x\x01y\xff") == "x\\x01y\\xff");
}
