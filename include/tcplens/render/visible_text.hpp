// Bytes that came from a capture or a file name, made safe to show. Every
// renderer that writes such bytes to a terminal, a JSON line or an XML file
// goes through here, so a packet can never put a control sequence (ESC, BEL,
// CR, OSC 52 ...) on the operator's screen.
//
// One rule for every output: printable ASCII and valid UTF-8 that shows as
// a character pass unchanged; every other byte is written as the four
// characters \xNN (as Zeek's logs do). In JSON, valid UTF-8 control and
// bidirectional-format characters (C1, U+202E ...) are \uXXXX escapes.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "tcplens/render/text_buffer.hpp"

namespace tcplens {

// One UTF-8 sequence at s[at].
struct Utf8Char {
  std::size_t length = 0;  // 0: not a valid sequence (overlong, surrogate, cut short, > U+10FFFF)
  std::uint32_t code_point = 0;
};
Utf8Char decode_utf8(std::string_view s, std::size_t at);

// C0/C1 controls, DEL, and the invisible format characters that reorder
// or hide text (bidirectional overrides and isolates, zero-width marks,
// line and paragraph separators, the BOM).
bool is_control_or_format(std::uint32_t code_point);

// Text for a terminal or a log line.
void append_visible(TextBuffer& out, std::string_view s);
std::string visible(std::string_view s);

// The characters of a JSON string (without the quotes).
void append_json_chars(TextBuffer& out, std::string_view s);

// Text for an XML attribute or element: visible, then &<>"' as entities.
std::string xml_text(std::string_view s);

}  // namespace tcplens
