// tcpdump's relative sequence numbers, reproduced with its quirks so that
// --plain output matches it byte for byte: only packets with ACK are made
// relative; the first ACK-bearing packet of a conversation (and every SYN with
// ACK) seeds the bases and is printed absolute; bases are never forgotten.
#pragma once
#include <cstdint>
#include <unordered_map>

#include "tcplens/core/ip_address.hpp"
#include "tcplens/decode/decoded_packet.hpp"
#include "tcplens/flow/shown_numbers.hpp"

namespace tcplens {

class TcpdumpSeqTable {
 public:
  explicit TcpdumpSeqTable(bool absolute) : absolute_(absolute) {}

  // The numbers tcpdump prints for this packet; updates the table as tcpdump does.
  ShownNumbers shown_numbers(const DecodedPacket& pkt);

 private:
  struct Key {
    IpAddress a;
    IpAddress b;
    std::uint32_t ports = 0;  // port of a << 16 | port of b
    bool operator==(const Key&) const = default;
  };
  struct KeyHash {
    std::size_t operator()(const Key& k) const;
  };
  struct Bases {
    std::uint32_t a = 0;  // subtracted from numbers that count a's bytes
    std::uint32_t b = 0;
  };

  bool absolute_;
  std::unordered_map<Key, Bases, KeyHash> bases_;
};

}  // namespace tcplens
