// Zeek-style connection ids ("C" + base62, as in conn.log's uid column),
// deterministic: a hash of the connection's addresses, ports, first packet
// time and first frame, so the same input always gives the same ids and
// two connections on one 4-tuple (port reuse) get different ones. Zeek
// draws its uids from a random generator; they cannot be equal to its.
#pragma once
#include <cstdint>
#include <string>

#include "tcplens/core/ip_address.hpp"
#include "tcplens/core/timestamp.hpp"

namespace tcplens {

struct ConnectionKeyForUid {
  IpAddress orig_h;
  std::uint16_t orig_p = 0;
  IpAddress resp_h;
  std::uint16_t resp_p = 0;
  std::uint8_t ip_proto = 6;
  Timestamp first_seen;
  std::uint64_t first_frame = 0;  // (not the stream: --threads numbers streams after tracking)
};

std::string connection_uid(const ConnectionKeyForUid& key);

}  // namespace tcplens
