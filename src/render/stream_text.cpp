#include "tcplens/render/stream_text.hpp"

#include <fmt/format.h>

namespace tcplens {

namespace {

constexpr std::string_view kRule = "===================================================================\n";

bool printable(std::uint8_t c) { return c >= 0x20 && c < 0x7f; }

// Text: printable ASCII, tabs and newlines as they are, anything else as
// '.'. A CR passes only as the first half of CRLF: alone it would move the
// cursor back over what was printed (the sender could hide or forge text).
void text_run(TextBuffer& out, const StreamRun& run) {
  const bool server = run.side == Role::resp;
  if (server) out.push_back('\t');
  for (std::size_t i = 0; i < run.data.size(); ++i) {
    const std::uint8_t c = run.data[i];
    if (c == '\n') {
      out.push_back('\n');
      if (server && i + 1 < run.data.size()) out.push_back('\t');
    } else if (c == '\t' || (c == '\r' && i + 1 < run.data.size() && run.data[i + 1] == '\n')) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back(printable(c) ? static_cast<char>(c) : '.');
    }
  }
  if (run.data.empty() || run.data.back() != '\n') out.push_back('\n');
}

// Hex: offset, 16 bytes in hex, the same as text; the server's lines indented.
void hex_run(TextBuffer& out, const StreamRun& run) {
  const std::string_view indent = run.side == Role::resp ? "\t" : "";
  for (std::size_t at = 0; at < run.data.size(); at += 16) {
    print(out, FMT_COMPILE("{}{:08X}  "), indent, static_cast<std::uint64_t>(run.offset - 1) + at);
    std::string ascii;
    for (std::size_t i = 0; i < 16; ++i) {
      if (at + i < run.data.size()) {
        const std::uint8_t c = run.data[at + i];
        print(out, FMT_COMPILE("{:02x} "), c);
        ascii.push_back(printable(c) ? static_cast<char>(c) : '.');
      } else {
        append(out, "   ");
      }
      if (i == 7) out.push_back(' ');
    }
    print(out, FMT_COMPILE(" {}\n"), ascii);
  }
}

}  // namespace

void render_follow_header(TextBuffer& out, std::uint64_t stream, std::string_view client, std::string_view server) {
  append(out, kRule);
  print(out, FMT_COMPILE("Follow: tcp stream {}\nNode 0 (client): {}\nNode 1 (server): {}\n"), stream, client, server);
  append(out, kRule);
}

void render_stream_run(TextBuffer& out, const StreamRun& run, FollowFormat format) {
  const std::string_view indent = run.side == Role::resp ? "\t" : "";
  if (run.gap) {
    print(out, FMT_COMPILE("{}[{} bytes missing: never captured]\n"), indent, run.length);
    return;
  }
  if (run.uncaptured) {
    print(out, FMT_COMPILE("{}[{} bytes not in the capture (snapshot length)]\n"), indent, run.length);
    return;
  }
  if (format == FollowFormat::hex)
    hex_run(out, run);
  else
    text_run(out, run);
}

void render_follow_footer(TextBuffer& out, std::uint64_t client_bytes, std::uint64_t server_bytes,
                          std::uint64_t missed) {
  append(out, kRule);
  print(out, FMT_COMPILE("client -> server: {} bytes, server -> client: {} bytes"), client_bytes, server_bytes);
  if (missed) print(out, FMT_COMPILE(", {} bytes missing"), missed);
  out.push_back('\n');
  append(out, kRule);
}

}  // namespace tcplens
