// Whether a TCP segment's checksum was filled in, verified over the
// captured bytes (RFC 9293 3.1, with the RFC 1071 sum). Pure.
#pragma once
#include <cstdint>
#include <string_view>

#include "tcplens/decode/ip_layer.hpp"
#include "tcplens/decode/tcp_segment.hpp"

namespace tcplens {

enum class ChecksumState : std::uint8_t {
  unverified,  // not all of the segment was captured (or an IPv6 routing header hides the destination)
  correct,
  // The field holds only the pseudo-header's sum: the sending host's stack
  // left the rest to the NIC (checksum offload, Linux and the BSDs), or GRO
  // merged the segment on the receiving host (Linux writes the same value).
  pseudo_header_only,
  incorrect,  // anything else: damage, rewritten addresses (anonymisers), generators' zeros
};

std::string_view checksum_state_name(ChecksumState s);

// The RFC 1071 one's-complement sum of bytes, folded to 16 bits, as a
// big-endian value; start carries a previous sum.
std::uint16_t ones_complement_sum(Bytes bytes, std::uint32_t start = 0);

// The sum of the pseudo-header (addresses, protocol, TCP length), folded.
std::uint16_t tcp_pseudo_header_sum(const IpLayer& ip, std::uint32_t tcp_length);

ChecksumState verify_tcp_checksum(const IpLayer& ip, const TcpSegment& tcp);

// Was the checksum left for someone after the capture point to fill in?
// Only the pseudo-header sum says so: an otherwise wrong checksum is as
// often an anonymiser's or a generator's (rewritten addresses, zeros) as
// an offloading stack's, so it tells nothing about the capture point.
[[nodiscard]] constexpr bool checksum_unfilled(ChecksumState s) { return s == ChecksumState::pseudo_header_only; }

}  // namespace tcplens
