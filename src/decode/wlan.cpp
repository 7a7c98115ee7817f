// 802.11 data frames and the radiotap header in front of them.
#include "tcplens/decode/encap_decoders.hpp"

namespace tcplens {

namespace {
constexpr std::uint8_t kTypeData = 2;
constexpr std::uint8_t kToDs = 0x01;
constexpr std::uint8_t kFromDs = 0x02;
constexpr std::uint8_t kProtected = 0x40;
constexpr std::uint8_t kOrder = 0x80;
constexpr std::uint8_t kSubtypeQos = 0x08;
constexpr std::uint8_t kSubtypeNoData = 0x04;

constexpr std::uint8_t frame_type(std::uint8_t fc0) { return (fc0 >> 2) & 0x3; }

std::uint32_t data_header_length(std::uint8_t fc0, std::uint8_t fc1) {
  const std::uint8_t subtype = fc0 >> 4;
  std::uint32_t length = 24;
  if ((fc1 & kToDs) != 0 && (fc1 & kFromDs) != 0) length += 6;
  if ((subtype & kSubtypeQos) != 0) {
    length += 2;
    if ((fc1 & kOrder) != 0) length += 4;  // HT control
  }
  return length;
}
}  // namespace

// Data frames with a payload, not encrypted; the payload is LLC/SNAP. Cisco
// controllers send the frame control bytes swapped inside CAPWAP, so a
// non-data first byte is tried the other way round (as Wireshark can).
EncapStep decode_wlan(ByteReader at) {
  if (!at.has(0, 2)) return encap_truncated();
  std::uint8_t fc0 = at.bytes()[0];
  std::uint8_t fc1 = at.bytes()[1];
  if (frame_type(fc0) != kTypeData && frame_type(fc1) == kTypeData) std::swap(fc0, fc1);
  if (frame_type(fc0) != kTypeData) return encap_step(Protocol::unknown, 0);
  if (((fc0 >> 4) & kSubtypeNoData) != 0 || (fc1 & kProtected) != 0) return encap_step(Protocol::unknown, 0);
  const std::uint32_t length = data_header_length(fc0, fc1);
  if (!at.has(0, length)) return encap_truncated();
  return encap_step(Protocol::llc, length, EncapKind::wlan);
}

// Version 0; its length (little-endian) covers all its fields.
EncapStep decode_radiotap(ByteReader at) {
  if (!at.has(0, 4)) return encap_truncated();
  const auto b = at.bytes();
  if (b[0] != 0) return encap_bad();
  const std::uint32_t length = b[2] | (b[3] << 8);
  if (length < 8) return encap_bad();
  if (!at.has(0, length)) return encap_truncated();
  return encap_step(Protocol::wlan, length, EncapKind::radiotap);
}

}  // namespace tcplens
