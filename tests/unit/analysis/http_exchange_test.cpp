// HTTP/1.x framing and pairing on hand-made byte streams.
#include "tcplens/analysis/http_exchange.hpp"

#include <catch2/catch.hpp>
#include <cstring>
#include <string>

using namespace tcplens;

namespace {

Bytes b(const std::string& s) { return Bytes(reinterpret_cast<const std::uint8_t*>(s.data()), s.size()); }

std::vector<HttpEvent> starts(const std::vector<HttpEvent>& events) {
  std::vector<HttpEvent> out;
  for (const auto& e : events) {
    if (e.kind == HttpEvent::Kind::start) out.push_back(e);
  }
  return out;
}

}  // namespace

TEST_CASE("Pipelined requests in one segment are each found, and say they share it", "[http]") {
  HttpConversation http;
  std::vector<HttpEvent> ev;
  const std::string two = "GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n";
  http.feed(Role::orig, b(two), 4, 1.0, ev);
  const auto s = starts(ev);
  REQUIRE(s.size() == 2);
  CHECK(s[0].message.target == "/a");
  CHECK(s[0].message.shares_segment_with == 0);
  CHECK(s[1].message.target == "/b");
  CHECK(s[1].message.number == 2);
  CHECK(s[1].message.shares_segment_with == 1);
  ev.clear();
  // Responses pair in order; the first body spreads over two segments.
  http.feed(Role::resp, b("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n12345"), 5, 1.002, ev);
  http.feed(Role::resp, b("67890HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"), 6, 1.003,
            ev);
  const auto r = starts(ev);
  REQUIRE(r.size() == 2);
  CHECK(r[0].message.status == 200);
  CHECK(r[0].message.since_request == Approx(0.002));
  CHECK(r[1].message.status == 404);
  CHECK(r[1].message.connection_close);
  CHECK(ev[1].kind == HttpEvent::Kind::end);  // the 200 ends in frame 6
  CHECK(ev[1].message.first_frame == 5);
  CHECK(ev[1].message.last_frame == 6);
  CHECK(ev[1].message.body_bytes == 10);
  CHECK(http.requests() == 2);
  CHECK(http.responses() == 2);
  CHECK(http.statuses() == std::vector<int>{200, 404});
}

TEST_CASE("Chunked bodies, HEAD, and keep-alive headers", "[http]") {
  HttpConversation http;
  std::vector<HttpEvent> ev;
  http.feed(Role::orig, b("HEAD / HTTP/1.1\r\n\r\nGET /c HTTP/1.1\r\n\r\n"), 1, 0, ev);
  // A HEAD answer has no body even with a Content-Length.
  http.feed(Role::resp, b("HTTP/1.1 200 OK\r\nContent-Length: 99\r\nKeep-Alive: timeout=5\r\n\r\n"), 2, 0, ev);
  http.feed(Role::resp, b("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\ne\r\nHello World!!!\r\n"), 3, 0, ev);
  http.feed(Role::resp, b("0\r\n\r\n"), 4, 0, ev);
  const auto s = starts(ev);
  REQUIRE(s.size() == 4);
  CHECK(s[2].message.keep_alive_timeout == 5);
  CHECK(s[3].message.chunked);
  CHECK(ev.back().kind == HttpEvent::Kind::end);
  CHECK(ev.back().message.body_bytes == 14);
  CHECK(http.statuses() == std::vector<int>{200, 200});
}

TEST_CASE("Not HTTP, a gap, and an upgrade stop the parsing", "[http]") {
  std::vector<HttpEvent> ev;
  HttpConversation binary;
  binary.feed(Role::orig, b(std::string("\0\0\0\x09message 1", 13)), 1, 0, ev);
  CHECK_FALSE(binary.is_http());
  HttpConversation ws;
  ws.feed(Role::orig, b("GET /chat HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"), 1, 0, ev);
  ws.feed(Role::resp, b("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n"), 2, 0, ev);
  ws.feed(Role::resp, b("\x81\x05hello"), 3, 0, ev);
  CHECK(ws.responses() == 1);
  CHECK(ws.statuses() == std::vector<int>{101});
  HttpConversation lost;
  lost.feed(Role::orig, b("GET / HTTP/1.1\r\n\r\n"), 1, 0, ev);
  lost.gap(Role::orig);
  lost.feed(Role::orig, b("GET /after-gap HTTP/1.1\r\n\r\n"), 2, 0, ev);
  CHECK(lost.requests() == 1);  // framing lost: nothing after the gap is trusted
}

TEST_CASE("HTTP hands over to WebSocket after 101, mid-segment", "[http][analyzer]") {
  HttpConversation http;
  std::vector<HttpEvent> events;
  const std::string request = "GET /chat HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n";
  CHECK(http.feed(Role::orig, Bytes(reinterpret_cast<const std::uint8_t*>(request.data()), request.size()), 4, 0,
                  events) == request.size());
  CHECK(http.handover().empty());
  const std::string head = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n";
  const std::string response = head + "\x81\x02hi";
  const std::size_t used = http.feed(
      Role::resp, Bytes(reinterpret_cast<const std::uint8_t*>(response.data()), response.size()), 6, 0, events);
  CHECK(used == head.size());  // the frame after the head is the next analyzer's
  CHECK(http.handover() == "websocket");
  CHECK(http.done());
  CHECK(http.found_anything());
  CHECK(http.service() == "http");
  // Nothing more is HTTP's, on either side.
  CHECK(http.feed(Role::orig, Bytes(reinterpret_cast<const std::uint8_t*>("\x81\x80"), 2), 7, 0, events) == 0);
}

TEST_CASE("HTTP's probe: a request line from the client, a status line from the server", "[http][analyzer]") {
  const auto probe = [](Role side, const char* s) {
    return http_could_start(side, Bytes(reinterpret_cast<const std::uint8_t*>(s), std::strlen(s)));
  };
  CHECK(probe(Role::orig, "GET / HTTP/1.1\r\n"));
  CHECK(probe(Role::orig, "\r\nPO"));  // blank lines, then a method's beginning
  CHECK(probe(Role::resp, "HTTP/1.1 200 OK\r\n"));
  CHECK_FALSE(probe(Role::resp, "GET / HTTP/1.1\r\n"));
  CHECK_FALSE(probe(Role::orig, "SSH-2.0-OpenSSH\r\n"));
  CHECK_FALSE(probe(Role::orig, "\x16\x03\x01"));
}
