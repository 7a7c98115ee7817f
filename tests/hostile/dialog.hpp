// One client/server TCP dialog for the hostile-capture generators: client
// 10.0.0.1:40000, server 10.0.0.2:80, sequence numbers relative to 1000
// (client) and 5000 (server), a fixed step between packets.
#pragma once
#include <cstdint>

#include "capgen.hpp"

namespace hostile {

using namespace capgen;

inline constexpr std::uint64_t kStart = capgen::kSyntheticStart;
inline const Ipv4Address kClient = ipv4("10.0.0.1");
inline const Ipv4Address kServer = ipv4("10.0.0.2");

inline Bytes segment(Ipv4Address src, std::uint16_t sport, Ipv4Address dst, std::uint16_t dport, std::uint8_t flags,
                     std::uint32_t seq, std::uint32_t ack, Bytes payload = {}) {
  TcpSpec t;
  t.sport = sport;
  t.dport = dport;
  t.seq = seq;
  t.ack = ack;
  t.flags = flags;
  t.window = 65535;
  t.payload = std::move(payload);
  return ethernet(0x0800, ipv4_packet({src, dst}, tcp_over_ipv4(t, src, dst)));
}

struct Dialog {
  CaptureWriter& w;
  std::uint64_t t = kStart;
  std::uint64_t step = 1000;  // ns between packets
  void c(std::uint8_t flags, std::uint32_t seq, std::uint32_t ack, Bytes payload = {}) {
    w.write(t += step, segment(kClient, 40000, kServer, 80, flags, 1000 + seq, 5000 + ack, std::move(payload)));
  }
  void s(std::uint8_t flags, std::uint32_t seq, std::uint32_t ack, Bytes payload = {}) {
    w.write(t += step, segment(kServer, 80, kClient, 40000, flags, 5000 + seq, 1000 + ack, std::move(payload)));
  }
  void handshake() {
    c(flag::syn, 0, 0);
    s(flag::syn | flag::ack, 0, 1);
    c(flag::ack, 1, 1);
  }
};

}  // namespace hostile
