// Writes the hostile captures of tests/hostile/ into a directory (they are
// large, so they are made at test time, not committed):
//   syn-flood.pcap          1,000,000 SYNs from distinct ports and addresses, no answers
//   ooo-100mb.pcap          one connection whose first data segment is missing, then
//                           100 MB of data behind the gap, never ACKed
//   overlap-conflict.pcap   a retransmission whose bytes differ from the first copy
//   data-after-fin.pcap     a FIN, then more data from the same side
//   lengths.pcap            IP/TCP lengths that disagree with the captured bytes,
//                           a zero-length record and a maximum-length one
//   time-backwards.pcap     timestamps that go back in time mid-connection
//   fragment-flood.pcap     200,000 IPv4 fragments of distinct datagrams, each far
//                           into its datagram (offset ~64 KB), none ever completed
// usage: generate_hostile_captures DIR
#include <cstdio>
#include <string>

#include "dialog.hpp"

using namespace capgen;
using namespace hostile;

namespace {

constexpr std::uint8_t S = flag::syn, A = flag::ack, F = flag::fin, P = flag::psh;

void syn_flood(const std::string& dir) {
  CaptureWriter w(dir + "/syn-flood.pcap", kLinkEthernet);
  for (std::uint32_t i = 0; i < 1'000'000; ++i) {
    Ipv4Address src = ipv4("172.16.0.0");
    src.b[2] = static_cast<std::uint8_t>(i >> 16);
    src.b[3] = static_cast<std::uint8_t>(i >> 8);
    const auto port = static_cast<std::uint16_t>(1024 + (i & 0xff));
    w.write(kStart + std::uint64_t{i} * 1000, segment(src, port, kServer, 80, S, i * 7919u, 0));
  }
}

void ooo_100mb(const std::string& dir) {
  CaptureWriter w(dir + "/ooo-100mb.pcap", kLinkEthernet);
  Dialog d{w};
  d.handshake();
  const Bytes chunk(1448, 'x');
  // 1..1449 is never sent; everything after it is.
  for (std::uint32_t off = 1449; off < 1449 + 100u * 1000 * 1000; off += 1448) d.c(A, off, 1, chunk);
}

void overlap_conflict(const std::string& dir) {
  CaptureWriter w(dir + "/overlap-conflict.pcap", kLinkEthernet);
  Dialog d{w};
  d.handshake();
  d.c(P | A, 1, 1, text("GET /transfer?to=alice HTTP/1.1\r\n\r\n"));
  d.c(P | A, 1, 1, text("GET /transfer?to=mallo HTTP/1.1\r\n\r\n"));  // same numbers, other bytes
  d.s(A, 1, 36);
  d.c(F | A, 36, 1);
  d.s(F | A, 1, 37);
  d.c(A, 37, 2);
}

void data_after_fin(const std::string& dir) {
  CaptureWriter w(dir + "/data-after-fin.pcap", kLinkEthernet);
  Dialog d{w};
  d.handshake();
  d.c(P | A, 1, 1, text("hello"));
  d.c(F | A, 6, 1);
  d.c(P | A, 7, 1, text("more after my FIN"));
  d.s(A, 1, 7);
  d.s(F | A, 1, 7);
  d.c(A, 24, 2);
}

void lengths(const std::string& dir) {
  CaptureWriter w(dir + "/lengths.pcap", kLinkEthernet);
  Dialog d{w};
  d.handshake();
  // IP total length says 1000 payload bytes more than were captured.
  Bytes big = segment(kClient, 40000, kServer, 80, P | A, 1001, 5001, text("short"));
  const std::uint16_t claimed = static_cast<std::uint16_t>(((big[16] << 8) | big[17]) + 1000);
  big[16] = static_cast<std::uint8_t>(claimed >> 8);
  big[17] = static_cast<std::uint8_t>(claimed);
  w.write(d.t += 1000, big);
  // IP total length smaller than the TCP header.
  Bytes tiny = segment(kClient, 40000, kServer, 80, A, 1006, 5001);
  tiny[16] = 0;
  tiny[17] = 30;
  w.write(d.t += 1000, tiny);
  // TCP data offset pointing past the segment.
  Bytes off = segment(kClient, 40000, kServer, 80, A, 1006, 5001);
  off[14 + 20 + 12] = 0xf0;
  w.write(d.t += 1000, off);
  // A record of zero bytes, then one of the largest size libpcap accepts.
  w.write(d.t += 1000, Bytes{});
  Bytes jumbo = segment(kClient, 40000, kServer, 80, A, 1006, 5001, Bytes(60000, 'j'));
  jumbo.resize(262144, 0);
  w.write(d.t += 1000, jumbo);
  d.s(A, 1, 6);
}

void time_backwards(const std::string& dir) {
  CaptureWriter w(dir + "/time-backwards.pcap", kLinkEthernet);
  Dialog d{w};
  d.handshake();
  d.c(P | A, 1, 1, text("first"));
  d.t -= 3'600'000'000'000ull;  // an hour back
  d.s(A, 1, 6);
  d.c(P | A, 6, 1, text("second"));
  d.t += 7'200'000'000'000ull;
  d.s(A, 1, 12);
  d.c(F | A, 12, 1);
  d.s(F | A, 1, 13);
  d.c(A, 13, 2);
}

}  // namespace

// Each fragment claims a datagram of ~64 KB: buffered naively, 200,000 of
// them would hold 12.8 GB.
void fragment_flood(const std::string& dir) {
  CaptureWriter w(dir + "/fragment-flood.pcap", kLinkEthernet);
  const Bytes eight(8, 'f');
  for (std::uint32_t i = 0; i < 200'000; ++i) {
    Ipv4Spec ip{ipv4("10.9.0.1"), kServer};
    ip.src.b[2] = static_cast<std::uint8_t>(i >> 16);
    ip.id = static_cast<std::uint16_t>(i);
    ip.dont_fragment = false;
    ip.more_fragments = true;
    ip.fragment_offset = 8000;  // 64,000 bytes in
    w.write(kStart + std::uint64_t{i} * 1000, ethernet(0x0800, ipv4_packet(ip, eight)));
  }
}

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s DIR\n", argv[0]);
    return 2;
  }
  const std::string dir = argv[1];
  syn_flood(dir);
  ooo_100mb(dir);
  overlap_conflict(dir);
  data_after_fin(dir);
  lengths(dir);
  time_backwards(dir);
  fragment_flood(dir);
  return 0;
}
