// RFC 9293 connection states, one per endpoint.
#pragma once
#include <cstdint>
#include <string_view>

namespace tcplens {

enum class TcpState : std::uint8_t {
  closed,
  listen,
  syn_sent,
  syn_received,
  established,
  fin_wait_1,
  fin_wait_2,
  close_wait,
  closing,
  last_ack,
  time_wait,
};

std::string_view state_name(TcpState s);  // "FIN_WAIT_1"

// The two ends of a connection: the originator sent the first SYN (or was
// inferred to be the client), the responder answered.
enum class Role : std::uint8_t { orig, resp };

constexpr Role peer_of(Role r) { return r == Role::orig ? Role::resp : Role::orig; }
std::string_view role_name(Role r);  // "orig" / "resp"
std::string_view role_noun(Role r);  // "client" / "server"

}  // namespace tcplens
