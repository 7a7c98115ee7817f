#include "tcplens/analysis/application.hpp"

#include "tcplens/decode/tcp_segment.hpp"

namespace tcplens {

ApplicationOptions& application_options() {
  static ApplicationOptions options;
  return options;
}

namespace {

template <typename State, typename Extension>
State* as_http(Extension* e) {
  return e != nullptr && e->kind == static_cast<std::uint8_t>(ApplicationKind::http) ? static_cast<State*>(e)
                                                                                      : nullptr;
}

}  // namespace

void analyze_application(Connection& conn, PacketReport& report, double time) {
  auto* state = as_http<HttpState>(conn.extension());
  if (state == nullptr && conn.extension() != nullptr) return;  // NoApplication: ruled out
  const bool any = !report.chunks[0].empty() || !report.chunks[1].empty();
  if (state == nullptr) {
    if (!any) return;
    auto fresh = std::make_unique<HttpState>();
    if (application_options().framing) fresh->framing.emplace(*application_options().framing);
    state = fresh.get();
    conn.set_extension(std::move(fresh));
  }
  HttpConversation& http = state->conversation;
  for (const Role side : {report.sender, peer_of(report.sender)}) {
    const StreamReassembler* rs = conn.stream_of(side);
    for (const auto& chunk : report.chunks[static_cast<int>(side)]) {
      if (chunk.gap || chunk.uncaptured || rs == nullptr) {
        http.gap(side);
        if (state->framing) state->framing->gap(side);
        continue;
      }
      const Bytes bytes = rs->bytes(chunk);
      http.feed(side, bytes, chunk.frame, time, report.http);
      if (state->framing) state->framing->feed(side, bytes, chunk.frame, report.framed);
    }
  }
  if ((report.flags & (tcp_flag::fin | tcp_flag::rst)) != 0) http.finish(report.sender, report.http);
  // Nothing left to look for: keep only the mark that says so (8 bytes, not ~700).
  if (http.ruled_out() && !state->framing) conn.set_extension(std::make_unique<NoApplication>());
}

const HttpConversation* http_of(const Connection& conn) {
  const auto* state = as_http<const HttpState>(conn.extension());
  return state != nullptr && state->conversation.is_http() ? &state->conversation : nullptr;
}

}  // namespace tcplens
