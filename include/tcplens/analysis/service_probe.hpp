// Which application protocol a connection speaks, from the first bytes
// each side sent, not from its ports: Zeek's `service` (its DPD
// signatures, then its analyzer's confirmation, both looking for the same
// openings as here). Each side's first delivered bytes are classified
// once into the openings they could be (ServiceHint bits); the service
// is decided from both sides' hints.
#pragma once
#include <cstdint>
#include <string>

#include "tcplens/core/bytes.hpp"

namespace tcplens {

namespace service_hint {
inline constexpr std::uint32_t http_request = 1u << 0;   // "GET / HTTP/1.1"
inline constexpr std::uint32_t http_response = 1u << 1;  // "HTTP/1.1 200"
inline constexpr std::uint32_t tls_client_hello = 1u << 2;
inline constexpr std::uint32_t tls_server_hello = 1u << 3;
inline constexpr std::uint32_t ssh_banner = 1u << 4;     // "SSH-2.0-..."
inline constexpr std::uint32_t greeting_220 = 1u << 5;   // FTP and SMTP servers
inline constexpr std::uint32_t ftp_command = 1u << 6;    // USER, AUTH, ...
inline constexpr std::uint32_t smtp_command = 1u << 7;   // EHLO, HELO
inline constexpr std::uint32_t pop3_ok = 1u << 8;        // "+OK"
inline constexpr std::uint32_t pop3_command = 1u << 9;   // USER, APOP, CAPA, ...
inline constexpr std::uint32_t irc_command = 1u << 10;   // NICK, USER, PASS
inline constexpr std::uint32_t irc_reply = 1u << 11;     // ":server 001 ..." / "NOTICE"
inline constexpr std::uint32_t dns_query = 1u << 12;     // length-prefixed DNS message, QR 0
inline constexpr std::uint32_t dns_response = 1u << 13;  // QR 1
inline constexpr std::uint32_t ldap_message = 1u
                                              << 14;  // BER SEQUENCE { messageID INTEGER, protocolOp [APPLICATION n] }
inline constexpr std::uint32_t ber_sequence = 1u << 15;  // any BER SEQUENCE
inline constexpr std::uint32_t tls_record = 1u << 16;    // any TLS record (content type 20-23, version 3.x)
}  // namespace service_hint

// The openings these bytes (the first a side sent) could be.
std::uint32_t service_hints(Bytes first_bytes);

// Zeek's service name for a connection whose sides opened with these
// hints ("" when none is recognised). What confirms each is what confirms
// Zeek's analyzer (docs: README "Zeek conn.log"): a ClientHello answered
// by TLS for ssl,
// both banners for ssh, a command the greeting answered for ftp, smtp
// and pop3. `partial`: no SYN was seen (Zeek's ssl, ssh and pop3
// analyzers stay silent then).
std::string service_from_hints(std::uint32_t orig_hints, std::uint32_t resp_hints, bool partial);

// Per connection: each side's hints, taken from the first bytes it delivered.
class ServiceProbe {
 public:
  // The first non-empty bytes of `side` (0 orig, 1 resp) count; later calls for it are ignored.
  void feed(int side, Bytes bytes) {
    if (probed_[side] || bytes.empty()) return;
    probed_[side] = true;
    hints_[side] = service_hints(bytes);
  }
  [[nodiscard]] bool done() const { return probed_[0] && probed_[1]; }
  [[nodiscard]] bool probed(int side) const { return probed_[side]; }
  [[nodiscard]] std::string service(bool partial) const { return service_from_hints(hints_[0], hints_[1], partial); }
  [[nodiscard]] std::uint32_t hints(int side) const { return hints_[side]; }

 private:
  std::uint32_t hints_[2] = {0, 0};
  bool probed_[2] = {false, false};
};

}  // namespace tcplens
