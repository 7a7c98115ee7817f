// The application view of a connection: feeds the bytes each packet made
// deliverable to the HTTP analysis kept with the connection, and puts what
// it found on the packet's report.
#pragma once
#include "tcplens/analysis/http_exchange.hpp"
#include "tcplens/events/packet_report.hpp"
#include "tcplens/tcp/connection.hpp"

namespace tcplens {

struct HttpState final : ConnectionExtension {
  HttpConversation conversation;
};

void analyze_application(Connection& conn, PacketReport& report, double time);

// The connection's HTTP analysis, if its bytes were HTTP.
const HttpConversation* http_of(const Connection& conn);

}  // namespace tcplens
