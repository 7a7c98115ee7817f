// What retired connections leave behind: for each direction of their 4-tuple,
// the first sequence number that direction used. A SYN on a tuple whose
// connection was already retired (its TIME_WAIT over, or idle) is still a
// reuse of the ports when its ISN differs, as Wireshark says: it never
// forgets a conversation. The same ISN again is a retransmitted SYN.
// Bounded: past kCapacity directions (about 40 bytes each, 2.6 MB in all)
// the memory starts over, so a reuse of a tuple retired more than ~65,000
// retirements ago is not flagged; memory stays set by the open connections.
#pragma once
#include <cstdint>
#include <unordered_map>

#include "tcplens/decode/decoded_packet.hpp"
#include "tcplens/tcp/connection.hpp"

namespace tcplens {

class RetiredTuples {
 public:
  static constexpr std::size_t kCapacity = 1u << 16;

  void remember(const Connection& c);
  // The packet is a SYN or SYN-ACK and its sender's direction of the tuple
  // was used before, from another first number.
  [[nodiscard]] bool reused_by(const DecodedPacket& syn) const;

 private:
  void remember_direction(const Endpoint& from, const Endpoint& to);
  std::unordered_map<std::uint64_t, std::uint32_t> first_seq_;  // directed_flow_key -> first seq
};

}  // namespace tcplens
