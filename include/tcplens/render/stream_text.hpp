// A reassembled conversation as text, in the shape of tshark's
// `-z follow,tcp,ascii|hex`: each run of bytes from one side, the server's
// indented by a tab; gaps and bytes the capture cut off said in brackets.
#pragma once
#include <cstdint>
#include <string_view>

#include "tcplens/core/bytes.hpp"
#include "tcplens/render/text_buffer.hpp"
#include "tcplens/tcp/tcp_state.hpp"

namespace tcplens {

enum class FollowFormat : std::uint8_t { text, hex, raw };

// One run of bytes (data empty for a gap or uncaptured bytes: length says how many).
struct StreamRun {
  Role side = Role::orig;
  std::int64_t offset = 0;  // relative number of its first byte
  std::uint64_t length = 0;
  Bytes data;
  bool gap = false;
  bool uncaptured = false;
};

void render_follow_header(TextBuffer& out, std::uint64_t stream, std::string_view client, std::string_view server);
void render_stream_run(TextBuffer& out, const StreamRun& run, FollowFormat format);
void render_follow_footer(TextBuffer& out, std::uint64_t client_bytes, std::uint64_t server_bytes,
                          std::uint64_t missed);

}  // namespace tcplens
