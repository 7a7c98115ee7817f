// Writes the captures of tests/hostile/output_safety.sh into a directory:
//   http-controls.pcap   HTTP on port 80 whose request target, status reason,
//                        Range and Content-Range carry terminal escapes (OSC 52
//                        clipboard write, window title, ESC[2J, BEL), C1 CSI,
//                        a bidi override, invalid UTF-8, quotes and <&>; a body
//                        with every byte value and lone CRs; then a 1 MB header
//                        line over many segments
//   gap-2gib.pcap        10 bytes; the server ACKs 2,000,000,000 more; then the
//                        10 bytes after them (follow -o: a 2 GB hole, then data)
//   far-future.pcap      one connection, a packet a second; in the middle one
//                        frame stamped 2038 (a corrupted record)
//   time-bit31.pcap      frames whose seconds have bit 31 set (2038+), which
//                        tcpdump prints as [Error converting time]
// usage: generate_output_attacks DIR
#include <cstdio>
#include <string>

#include "dialog.hpp"

using namespace capgen;
using namespace hostile;

namespace {

constexpr std::uint8_t S = flag::syn, A = flag::ack, F = flag::fin, P = flag::psh;
constexpr std::uint64_t kSecond = 1'000'000'000ull;

const std::string kEscapes =
    "\x1b]52;c;cm0gLXJmIH4=\x07"  // OSC 52: write the clipboard
    "\x1b]0;owned\x07"            // window title
    "\x1b[2J\x1b[H"               // clear the screen
    "\xc2\x9b"
    "31m"  // C1 CSI
    "\xe2\x80\xae"
    "txt.exe"           // right-to-left override
    "\xff\xfe\xc0\xaf"  // not UTF-8
    "<&>\"'\\";

void http_controls(const std::string& dir) {
  CaptureWriter w(dir + "/http-controls.pcap", kLinkEthernet);
  Dialog d{w};
  d.step = 1'000'000;  // 1 ms
  d.handshake();
  const std::string request = "GET /" + kEscapes + " HTTP/1.1\r\nHost: x\r\nRange: bytes=0-" + kEscapes + "\r\n\r\n";
  d.c(P | A, 1, 1, text(request));
  const auto req_end = static_cast<std::uint32_t>(1 + request.size());
  std::string body;
  for (int b = 0; b < 256; ++b) body.push_back(static_cast<char>(b));
  body += "visible\rHIDDEN\r\n";
  const std::string response = "HTTP/1.1 206 Partial" + kEscapes + "\r\nContent-Range: bytes " + kEscapes +
                               "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  d.s(P | A, 1, req_end, text(response));
  const auto resp_end = static_cast<std::uint32_t>(1 + response.size());
  // A second request with a header line of 1 MB, in 1,000-byte segments.
  std::string big = "GET /big HTTP/1.1\r\nX-Long: ";
  big += std::string(1 << 20, 'A');
  big += "\x1b[2J\r\n\r\n";
  std::uint32_t seq = req_end;
  for (std::size_t at = 0; at < big.size(); at += 1000) {
    const std::string part = big.substr(at, 1000);
    d.c(P | A, seq, resp_end, text(part));
    seq += static_cast<std::uint32_t>(part.size());
  }
  d.s(A, resp_end, seq);
  d.c(F | A, seq, resp_end);
  d.s(F | A, resp_end, seq + 1);
  d.c(A, seq + 1, resp_end + 1);
}

void gap_2gib(const std::string& dir) {
  CaptureWriter w(dir + "/gap-2gib.pcap", kLinkEthernet);
  Dialog d{w};
  d.step = 1'000'000;
  d.handshake();
  constexpr std::uint32_t kGap = 2'000'000'000;
  d.c(P | A, 1, 1, text("0123456789"));
  d.s(A, 1, 11 + kGap);  // ACKs 2 GB the capture never saw: the gap is given up
  d.c(P | A, 11 + kGap, 1, text("abcdefghij"));
  d.s(A, 1, 21 + kGap);
}

void far_future(const std::string& dir) {
  CaptureWriter w(dir + "/far-future.pcap", kLinkEthernet);
  Dialog d{w};
  d.step = kSecond;  // a packet a second: 10 s in all, never idle for long
  d.handshake();
  std::uint32_t seq = 1;
  for (int i = 0; i < 3; ++i, seq += 4) d.c(P | A, seq, 1, text("ping"));
  // A corrupted record: the server's ACK stamped in 2038.
  w.write(2147480000ull * kSecond, segment(kServer, 80, kClient, 40000, A, 5001, 1000 + seq, {}));
  for (int i = 0; i < 3; ++i, seq += 4) d.c(P | A, seq, 1, text("pong"));
  d.s(A, 1, seq);
  d.c(F | A, seq, 1);
  d.s(F | A, 1, seq + 1);
  d.c(A, seq + 1, 2);
}

void time_bit31(const std::string& dir) {
  CaptureWriter w(dir + "/time-bit31.pcap", kLinkEthernet);
  Dialog d{w};
  d.step = 1'000'000;
  d.t = 0x80000000ull * kSecond + 123456000;  // 2038-01-19 03:14:08.123456 UTC
  d.handshake();
  d.t = 0xfffffff0ull * kSecond;
  d.c(F | A, 1, 1);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s DIR\n", argv[0]);
    return 2;
  }
  const std::string dir = argv[1];
  http_controls(dir);
  gap_2gib(dir);
  far_future(dir);
  time_bit31(dir);
  return 0;
}
