#include "tcplens/decode/tcp_checksum.hpp"

#include <array>
#include <bit>
#include <cstring>

namespace tcplens {

namespace {

constexpr std::uint8_t kRoutingHeader = 43;

std::uint32_t fold(std::uint64_t sum) {
  while ((sum >> 16) != 0) sum = (sum & 0xffff) + (sum >> 16);
  return static_cast<std::uint32_t>(sum);
}

// RFC 1071: the sum is independent of byte order, so words are added as
// the machine loads them and the folded result swapped once at the end.
std::uint16_t native_sum(Bytes bytes) {
  std::uint64_t sum = 0;
  const std::uint8_t* p = bytes.data();
  std::size_t n = bytes.size();
  for (; n >= 4; p += 4, n -= 4) {
    std::uint32_t word = 0;
    std::memcpy(&word, p, 4);
    sum += word;
  }
  // The tail as it sits in memory: zero padding after it, as RFC 1071 pads
  // an odd last byte.
  std::array<std::uint8_t, 4> tail{};
  if (n > 0) std::memcpy(tail.data(), p, n);
  std::uint32_t word = 0;
  std::memcpy(&word, tail.data(), 4);
  sum += word;
  return static_cast<std::uint16_t>(fold(sum));
}

std::uint16_t to_big_endian(std::uint16_t native) {
  if constexpr (std::endian::native == std::endian::little) {
    return static_cast<std::uint16_t>((native >> 8) | (native << 8));
  } else {
    return native;
  }
}

bool has_routing_header(const IpLayer& ip) {
  for (std::uint8_t i = 0; i < ip.extension_count; ++i) {
    if (ip.extensions[i].type == kRoutingHeader) return true;
  }
  return false;
}

}  // namespace

std::string_view checksum_state_name(ChecksumState s) {
  static constexpr std::array<std::string_view, 4> kNames = {"unverified", "correct", "pseudo_header_only",
                                                             "incorrect"};
  return kNames[static_cast<std::size_t>(s)];
}

std::uint16_t ones_complement_sum(Bytes bytes, std::uint32_t start) {
  return static_cast<std::uint16_t>(fold(std::uint64_t{start} + to_big_endian(native_sum(bytes))));
}

std::uint16_t tcp_pseudo_header_sum(const IpLayer& ip, std::uint32_t tcp_length) {
  const std::size_t width = ip.src.width();
  std::uint64_t sum = ones_complement_sum(Bytes(ip.src.octets.data(), width));
  sum += ones_complement_sum(Bytes(ip.dst.octets.data(), width));
  sum += kIpProtoTcp;
  sum += (tcp_length >> 16) + (tcp_length & 0xffff);
  return static_cast<std::uint16_t>(fold(sum));
}

ChecksumState verify_tcp_checksum(const IpLayer& ip, const TcpSegment& tcp) {
  if (tcp.completeness != TcpCompleteness::complete || tcp.captured.size() != tcp.segment_length ||
      ip.missing_bytes != 0 || ip.is_fragment() || has_routing_header(ip)) {
    return ChecksumState::unverified;
  }
  const std::uint16_t pseudo = tcp_pseudo_header_sum(ip, tcp.segment_length);
  if (ones_complement_sum(tcp.captured, pseudo) == 0xffff) return ChecksumState::correct;
  return tcp.checksum == pseudo ? ChecksumState::pseudo_header_only : ChecksumState::incorrect;
}

}  // namespace tcplens
