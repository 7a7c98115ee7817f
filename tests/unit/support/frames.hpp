// Helpers for unit tests: build frames with capgen and decode them.
#pragma once
#include <memory>
#include <vector>

#include "capgen.hpp"
#include "tcplens/capture/raw_frame.hpp"
#include "tcplens/decode/decoded_packet.hpp"

namespace tcplens::testing {

// Owns the bytes a RawFrame points at.
struct OwnedFrame {
  capgen::Bytes bytes;
  RawFrame frame;
  explicit OwnedFrame(capgen::Bytes b, std::uint32_t wire = 0) : bytes(std::move(b)) {
    frame.number = 1;
    frame.caplen = static_cast<std::uint32_t>(bytes.size());
    frame.wirelen = wire != 0 ? wire : frame.caplen;
    frame.data = Bytes(bytes.data(), bytes.size());
  }
  // The same frame with only the first n bytes captured.
  OwnedFrame cut(std::size_t n) const {
    OwnedFrame f(capgen::Bytes(bytes.begin(), bytes.begin() + static_cast<long>(n)), frame.wirelen);
    return f;
  }
  [[nodiscard]] DecodedPacket decode(int dlt) const { return decode_packet(dlt, frame); }
};

inline capgen::TcpSpec simple_tcp(std::uint8_t flags, capgen::Bytes options = {}, capgen::Bytes payload = {}) {
  capgen::TcpSpec t;
  t.sport = 40000;
  t.dport = 80;
  t.seq = 1000;
  t.ack = 2000;
  t.flags = flags;
  t.window = 512;
  t.options = std::move(options);
  t.payload = std::move(payload);
  return t;
}

inline OwnedFrame ethernet_ipv4_tcp(const capgen::TcpSpec& t) {
  const auto src = capgen::ipv4("10.0.0.1");
  const auto dst = capgen::ipv4("10.0.0.2");
  return OwnedFrame(capgen::ethernet(0x0800, capgen::ipv4_packet({src, dst}, capgen::tcp_over_ipv4(t, src, dst))));
}

// A segment between the test client 10.0.0.1:client_port and the server
// 10.0.0.2:80, in the direction asked (t's ports are set here).
inline std::unique_ptr<OwnedFrame> client_server_frame(bool from_client, std::uint16_t client_port, capgen::TcpSpec t) {
  t.sport = from_client ? client_port : 80;
  t.dport = from_client ? 80 : client_port;
  const auto a = capgen::ipv4(from_client ? "10.0.0.1" : "10.0.0.2");
  const auto b = capgen::ipv4(from_client ? "10.0.0.2" : "10.0.0.1");
  return std::make_unique<OwnedFrame>(
      capgen::ethernet(0x0800, capgen::ipv4_packet({a, b}, capgen::tcp_over_ipv4(t, a, b))));
}

inline OwnedFrame ethernet_ipv6_tcp(const capgen::TcpSpec& t, std::vector<capgen::Ipv6Extension> ext = {}) {
  const auto src = capgen::ipv6("2001:db8::1");
  const auto dst = capgen::ipv6("2001:db8::2");
  capgen::Ipv6Spec ip{src, dst};
  ip.extensions = std::move(ext);
  return OwnedFrame(capgen::ethernet(0x86dd, capgen::ipv6_packet(ip, capgen::tcp_over_ipv6(t, src, dst))));
}

}  // namespace tcplens::testing
