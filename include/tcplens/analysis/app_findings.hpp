// What the application analyzers found on one packet: the part of the
// packet report they write. Data only.
#pragma once
#include <vector>

#include "tcplens/analysis/framed_message.hpp"
#include "tcplens/analysis/http_message.hpp"
#include "tcplens/analysis/websocket_frame.hpp"

namespace tcplens {

struct AppFindings {
  std::vector<HttpEvent> http;            // HTTP messages this packet starts or ends
  std::vector<FramedMessage> framed;      // length-prefixed messages this packet completes (--framing)
  std::vector<WebSocketFrame> websocket;  // WebSocket frames this packet completes

  void clear() {
    http.clear();
    framed.clear();
    websocket.clear();
  }
  [[nodiscard]] bool empty() const { return http.empty() && framed.empty() && websocket.empty(); }
};

}  // namespace tcplens
