// The TCP header of one segment, as far as it was captured.
#pragma once
#include <cstdint>

#include "tcplens/core/bytes.hpp"

namespace tcplens {

// Flag bits in the TCP header's flags byte.
namespace tcp_flag {
inline constexpr std::uint8_t fin = 0x01;
inline constexpr std::uint8_t syn = 0x02;
inline constexpr std::uint8_t rst = 0x04;
inline constexpr std::uint8_t psh = 0x08;
inline constexpr std::uint8_t ack = 0x10;
inline constexpr std::uint8_t urg = 0x20;
inline constexpr std::uint8_t ece = 0x40;
inline constexpr std::uint8_t cwr = 0x80;
}  // namespace tcp_flag

inline constexpr std::uint32_t kTcpMinHeader = 20;

// How much of the header the capture holds. tcpdump prints a different line
// for each of the incomplete cases, so the decoder reports which one applies.
enum class TcpCompleteness : std::uint8_t {
  no_ports,          // fewer than 4 bytes: "a > b: [|tcp]"
  no_header,         // ports but not 20 bytes: "a.p > b.q:  [|tcp]"
  header_too_short,  // data offset < 5 words
  header_too_long,   // data offset beyond the segment length
  complete,
};

struct TcpSegment {
  TcpCompleteness completeness = TcpCompleteness::no_ports;
  std::uint16_t src_port = 0;
  std::uint16_t dst_port = 0;
  std::uint32_t seq = 0;
  std::uint32_t ack = 0;
  std::uint8_t flags = 0;
  std::uint16_t window = 0;
  std::uint16_t checksum = 0;
  std::uint16_t urgent = 0;
  std::uint32_t header_length = 0;   // data offset * 4, as declared
  std::uint32_t segment_length = 0;  // on-wire: header + payload, from the IP layer
  Bytes captured;                    // captured bytes of the whole segment

  [[nodiscard]] bool has(std::uint8_t flag) const { return (flags & flag) != 0; }
  [[nodiscard]] std::uint32_t payload_length() const {
    return segment_length >= header_length ? segment_length - header_length : 0;
  }
  [[nodiscard]] Bytes options() const {  // captured option bytes (may be cut short)
    return ByteReader(captured).slice(kTcpMinHeader, header_length - kTcpMinHeader);
  }
  [[nodiscard]] Bytes payload() const { return ByteReader(captured).from(header_length); }
  [[nodiscard]] bool header_captured() const {
    return completeness == TcpCompleteness::complete && captured.size() >= header_length;
  }
};

TcpSegment decode_tcp(Bytes captured, std::uint32_t segment_length);
// The same, into a default-constructed segment (the packet decoder's: no
// copy of a returned segment, whose reload stalled store forwarding).
void decode_tcp_into(Bytes captured, std::uint32_t segment_length, TcpSegment& tcp);

}  // namespace tcplens
