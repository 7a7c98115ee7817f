#include "tcplens/tcp/tcp_state.hpp"

#include <array>

namespace tcplens {

namespace {
constexpr std::array<std::string_view, 11> kStateNames = {
    "CLOSED",     "LISTEN",     "SYN_SENT", "SYN_RECEIVED", "ESTABLISHED", "FIN_WAIT_1",
    "FIN_WAIT_2", "CLOSE_WAIT", "CLOSING",  "LAST_ACK",     "TIME_WAIT",
};
}  // namespace

std::string_view state_name(TcpState s) { return kStateNames[static_cast<std::size_t>(s)]; }
std::string_view role_name(Role r) { return r == Role::orig ? "orig" : "resp"; }
std::string_view role_noun(Role r) { return r == Role::orig ? "client" : "server"; }

}  // namespace tcplens
