// The application view of a connection: feeds the bytes each packet made
// deliverable to the HTTP analysis kept with the connection, and puts what
// it found on the packet's report.
#pragma once
#include "tcplens/analysis/http_exchange.hpp"
#include "tcplens/analysis/length_prefix_framing.hpp"
#include "tcplens/analysis/service_probe.hpp"
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

// Every extension this stage keeps: what each side's first bytes looked like.
struct ApplicationState : ConnectionExtension {
  explicit ApplicationState(ApplicationKind kind) : ConnectionExtension(static_cast<std::uint8_t>(kind)) {}
  ServiceProbe probe;
};

struct HttpState final : ApplicationState {
  HttpState() : ApplicationState(ApplicationKind::http) {}
  HttpConversation conversation;
  std::optional<LengthPrefixFraming> framing;
};

// A connection whose bytes were found to be no protocol tcplens reads.
struct NoApplication final : ApplicationState {
  explicit NoApplication(const ServiceProbe& probe) : ApplicationState(ApplicationKind::none) { this->probe = probe; }
};

void analyze_application(Connection& conn, PacketReport& report, double time);

// The connection's HTTP analysis, if its bytes were HTTP.
const HttpConversation* http_of(const Connection& conn);

// Zeek's service names for the connection ("" when none was recognised).
std::string service_of(const Connection& conn);

}  // namespace tcplens
