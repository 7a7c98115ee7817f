// The application view of a connection: feeds the bytes each packet made
// deliverable to the HTTP analysis kept with the connection, and puts what
// it found on the packet's report.
#pragma once
#include "tcplens/analysis/http_exchange.hpp"
#include "tcplens/analysis/length_prefix_framing.hpp"
#include "tcplens/events/packet_report.hpp"
#include "tcplens/tcp/connection.hpp"

namespace tcplens {

// What the run looks for in every connection's bytes (set once, from the
// command line).
struct ApplicationOptions {
  std::optional<FramingSpec> framing;  // --framing lenprefix:...
};
ApplicationOptions& application_options();

// The kinds of ConnectionExtension this stage keeps.
enum class ApplicationKind : std::uint8_t { http = 1, none = 2 };

struct HttpState final : ConnectionExtension {
  HttpState() : ConnectionExtension(static_cast<std::uint8_t>(ApplicationKind::http)) {}
  HttpConversation conversation;
  std::optional<LengthPrefixFraming> framing;
};

// A connection whose bytes were found to be no protocol tcplens reads.
struct NoApplication final : ConnectionExtension {
  NoApplication() : ConnectionExtension(static_cast<std::uint8_t>(ApplicationKind::none)) {}
};

void analyze_application(Connection& conn, PacketReport& report, double time);

// The connection's HTTP analysis, if its bytes were HTTP.
const HttpConversation* http_of(const Connection& conn);

}  // namespace tcplens
