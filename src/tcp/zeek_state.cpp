#include "tcplens/tcp/zeek_state.hpp"

#include <regex>

#include "tcplens/decode/tcp_segment.hpp"

namespace tcplens {

ZeekState zeek_next_state(ZeekState current, std::uint8_t flags) {
  using Z = ZeekState;
  const bool syn = (flags & tcp_flag::syn) != 0;
  const bool ack = (flags & tcp_flag::ack) != 0;
  const bool fin = (flags & tcp_flag::fin) != 0;
  const bool rst = (flags & tcp_flag::rst) != 0;
  if (rst) return Z::reset;
  switch (current) {
    case Z::inactive:
      if (syn) return ack ? Z::syn_ack_sent : Z::syn_sent;
      if (fin) return Z::closed;
      return Z::partial;
    case Z::syn_sent:
    case Z::syn_ack_sent:
      if (fin) return Z::closed;
      if (ack && !syn) return Z::established;
      return current;
    case Z::partial:
    case Z::established:
      return fin ? Z::closed : current;
    case Z::closed:
    case Z::reset:
      return current;
  }
  return current;
}

std::string zeek_conn_state(ZeekState os, ZeekState rs, std::uint64_t orig_bytes, std::uint64_t resp_bytes,
                            const std::string& history) {
  using Z = ZeekState;
  const bool o_inactive = os == Z::inactive || os == Z::partial;
  const bool r_inactive = rs == Z::inactive || rs == Z::partial;
  if (rs == Z::reset) {
    if (os == Z::syn_sent || os == Z::syn_ack_sent || (os == Z::reset && orig_bytes == 0 && resp_bytes == 0)) {
      return "REJ";
    }
    return o_inactive ? "RSTRH" : "RSTR";
  }
  if (os == Z::reset) {
    if (r_inactive) {
      static const std::regex kSynThenReset(R"(\^?S[^HAFGIQ]*R.*)");
      return std::regex_match(history, kSynThenReset) ? "RSTOS0" : "OTH";
    }
    return "RSTO";
  }
  if (rs == Z::closed && os == Z::closed) return "SF";
  if (os == Z::closed) return r_inactive ? "SH" : "S2";
  if (rs == Z::closed) return o_inactive ? "SHR" : "S3";
  if (os == Z::syn_sent && rs == Z::inactive) return "S0";
  if (os == Z::established && rs == Z::established) return "S1";
  return "OTH";
}

}  // namespace tcplens
