#include "tcplens/analysis/service_probe.hpp"

#include <array>
#include <cctype>
#include <string_view>

namespace tcplens {

namespace {

std::string_view as_text(Bytes b) { return {reinterpret_cast<const char*>(b.data()), b.size()}; }

bool starts_with_nocase(std::string_view s, std::string_view word) {
  if (s.size() < word.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (std::toupper(static_cast<unsigned char>(s[i])) != word[i]) return false;
  }
  return true;
}

// A command word (upper case here) followed by a space, or ending the line.
bool is_command(std::string_view s, std::string_view word) {
  if (!starts_with_nocase(s, word)) return false;
  if (s.size() == word.size()) return true;
  const char next = s[word.size()];
  return next == ' ' || next == '\r' || next == '\n';
}

bool any_command(std::string_view s, std::initializer_list<std::string_view> words) {
  for (const std::string_view w : words) {
    if (is_command(s, w)) return true;
  }
  return false;
}

// Zeek's dpd_http_client: optional white space, a method, white space.
bool is_http_request(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  s.remove_prefix(i);
  static constexpr std::array<std::string_view, 18> kMethods{
      "GET",      "HEAD",      "POST",  "PUT",  "DELETE", "OPTIONS", "TRACE",  "CONNECT", "PATCH",
      "PROPFIND", "PROPPATCH", "MKCOL", "COPY", "MOVE",   "LOCK",    "UNLOCK", "SEARCH",  "REPORT"};
  for (const std::string_view m : kMethods) {
    if (s.size() > m.size() && s.substr(0, m.size()) == m && s[m.size()] == ' ') return true;
  }
  return false;
}

bool is_http_response(std::string_view s) {
  return s.size() >= 6 && s.substr(0, 5) == "HTTP/" && std::isdigit(static_cast<unsigned char>(s[5]));
}

// A TLS handshake record (type 22, version 3.x) of the given handshake
// type, or an SSLv2 record of the given message type.
bool is_tls_handshake(Bytes b, std::uint8_t tls_type, std::uint8_t sslv2_type) {
  if (b.size() >= 6 && b[0] == 0x16 && b[1] == 0x03 && b[2] <= 0x04) return b[5] == tls_type;
  if (b.size() >= 3 && (b[0] & 0x80) != 0) return b[2] == sslv2_type;
  return false;
}

bool is_220_greeting(std::string_view s) {
  return s.size() >= 4 && s.substr(0, 3) == "220" && (s[3] == ' ' || s[3] == '-');
}

bool is_irc_reply(std::string_view s) {
  return (s.size() > 1 && s[0] == ':' && s.find(' ') != std::string_view::npos && s.find(' ') > 1) ||
         starts_with_nocase(s, "NOTICE ");
}

// A DNS message behind TCP's two-byte length, whole in the first bytes
// (a query or answer is one segment in practice): the length matches,
// one to 16 questions, a standard opcode; a query carries no answers.
std::uint32_t dns_hints(Bytes b) {
  if (b.size() < 14) return 0;
  const std::size_t length = (std::size_t{b[0]} << 8) | b[1];
  if (length < 12 || length + 2 > b.size()) return 0;
  const unsigned opcode = (b[4] >> 3) & 0x0f;
  const unsigned questions = (unsigned{b[6]} << 8) | b[7];
  const unsigned answers = (unsigned{b[8]} << 8) | b[9];
  if (opcode > 5 || questions == 0 || questions > 16) return 0;
  if ((b[4] & 0x80) == 0) return answers == 0 ? service_hint::dns_query : 0;
  return service_hint::dns_response;
}

// LDAPMessage ::= SEQUENCE { messageID INTEGER, protocolOp [APPLICATION n] ... }
// in BER: 0x30, a length (short or long form), 0x02, 1-4 bytes of ID, then
// an application tag (0x60-0x7f).
std::uint32_t ber_hints(Bytes b) {
  if (b.size() < 2 || b[0] != 0x30) return 0;
  std::size_t i = 2;
  if ((b[1] & 0x80) != 0) i += b[1] & 0x7f;
  if (i + 2 > b.size() || b[i] != 0x02 || b[i + 1] == 0 || b[i + 1] > 4) return service_hint::ber_sequence;
  i += 2 + b[i + 1];
  if (i < b.size() && b[i] >= 0x60 && b[i] <= 0x7f) return service_hint::ldap_message | service_hint::ber_sequence;
  return service_hint::ber_sequence;
}

}  // namespace

std::uint32_t service_hints(Bytes first) {
  using namespace service_hint;
  const std::string_view s = as_text(first);
  std::uint32_t hints = 0;
  if (is_http_request(s)) hints |= http_request;
  if (is_http_response(s)) hints |= http_response;
  if (is_tls_handshake(first, 1, 1)) hints |= tls_client_hello;
  if (is_tls_handshake(first, 2, 4)) hints |= tls_server_hello;
  if (first.size() >= 3 && first[0] >= 0x14 && first[0] <= 0x17 && first[1] == 0x03) hints |= tls_record;
  if (starts_with_nocase(s, "SSH-")) hints |= ssh_banner;
  if (is_220_greeting(s)) hints |= greeting_220;
  if (any_command(s, {"USER", "AUTH", "ACCT", "SYST", "FEAT"})) hints |= ftp_command;
  if (any_command(s, {"EHLO", "HELO"})) hints |= smtp_command;
  if (s.substr(0, 3) == "+OK") hints |= pop3_ok;
  if (any_command(s, {"USER", "APOP", "CAPA", "AUTH", "STLS"})) hints |= pop3_command;
  if (any_command(s, {"NICK", "USER", "PASS", "CAP"})) hints |= irc_command;
  if (is_irc_reply(s)) hints |= irc_reply;
  hints |= dns_hints(first);
  hints |= ber_hints(first);
  return hints;
}

std::string service_from_hints(std::uint32_t orig, std::uint32_t resp, bool partial) {
  using namespace service_hint;
  const auto both = [&](std::uint32_t o, std::uint32_t r) { return (orig & o) != 0 && (resp & r) != 0; };
  if (both(http_request, http_response)) return "http";
  // Zeek's ssl signature needs the server's side too; an answer in another
  // protocol is a violation that takes the service away again.
  if (both(tls_client_hello, tls_server_hello | tls_record) && !partial) return "ssl";
  if (both(ssh_banner, ssh_banner) && !partial) return "ssh";
  if (both(ftp_command, greeting_220)) return "ftp";
  if (both(smtp_command, greeting_220)) return "smtp";
  if (both(pop3_command, pop3_ok) && !partial) return "pop3";
  if (both(irc_command, irc_reply)) return "irc";
  if (((orig | resp) & (dns_query | dns_response)) != 0) return "dns";
  if (both(ldap_message, ber_sequence)) return "ldap_tcp";
  return "";
}

}  // namespace tcplens
