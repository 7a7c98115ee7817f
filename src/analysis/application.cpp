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
  return e != nullptr && e->kind == static_cast<std::uint8_t>(ApplicationKind::http) ? static_cast<State*>(e) : nullptr;
}

}  // namespace

namespace {

// Each side's first delivered bytes, for the service probe.
void probe_service(const Connection& conn, const PacketReport& report, ServiceProbe& probe) {
  for (const Role side : {Role::orig, Role::resp}) {
    if (probe.probed(static_cast<int>(side)) || report.chunks[static_cast<int>(side)].empty()) continue;
    const StreamReassembler* rs = conn.stream_of(side);
    for (const auto& chunk : report.chunks[static_cast<int>(side)]) {
      if (chunk.gap || chunk.uncaptured || rs == nullptr) continue;
      probe.feed(static_cast<int>(side), rs->bytes(chunk));
      break;
    }
  }
}

}  // namespace

void analyze_application(Connection& conn, PacketReport& report, double time) {
  const bool any = !report.chunks[0].empty() || !report.chunks[1].empty();
  auto* app = static_cast<ApplicationState*>(conn.extension());  // only this stage sets extensions
  if (app == nullptr) {
    if (!any) return;
    auto fresh = std::make_unique<HttpState>();
    if (application_options().framing) fresh->framing.emplace(*application_options().framing);
    app = fresh.get();
    conn.set_extension(std::move(fresh));
  }
  if (any && !app->probe.done()) probe_service(conn, report, app->probe);
  auto* state = as_http<HttpState>(app);
  if (state == nullptr) return;  // NoApplication: HTTP ruled out
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
  // Nothing left to look for: keep only the probe (a few bytes, not ~700).
  if (http.ruled_out() && !state->framing) conn.set_extension(std::make_unique<NoApplication>(state->probe));
}

const HttpConversation* http_of(const Connection& conn) {
  const auto* state = as_http<const HttpState>(conn.extension());
  return state != nullptr && state->conversation.is_http() ? &state->conversation : nullptr;
}

std::string service_of(const Connection& conn) {
  const auto* app = static_cast<const ApplicationState*>(conn.extension());
  if (app == nullptr) return {};
  // HTTP's own parser is the confirmation Zeek's analyzer gives: a request
  // and the response it answered.
  if (const HttpConversation* http = http_of(conn); http != nullptr && http->requests() > 0 && http->responses() > 0) {
    return "http";
  }
  return app->probe.service(conn.midstream());
}

}  // namespace tcplens
