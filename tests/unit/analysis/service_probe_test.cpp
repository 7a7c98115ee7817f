// Service detection from each side's first bytes, as Zeek's analyzers confirm.
#include "tcplens/analysis/service_probe.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using namespace tcplens;

namespace {

Bytes b(const std::string& s) { return Bytes(reinterpret_cast<const std::uint8_t*>(s.data()), s.size()); }

std::string service(const std::string& orig, const std::string& resp, bool partial = false) {
  ServiceProbe p;
  if (!orig.empty()) p.feed(0, b(orig));
  if (!resp.empty()) p.feed(1, b(resp));
  return p.service(partial);
}

// A TLS 1.2 ClientHello / ServerHello record header and handshake type.
const std::string kClientHello("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11);
const std::string kServerHello("\x16\x03\x03\x00\x5d\x02\x00\x00\x59\x03\x03", 11);

}  // namespace

TEST_CASE("Text protocols are told by what each side opens with, not by port", "[service]") {
  CHECK(service("GET / HTTP/1.1\r\nHost: a\r\n\r\n", "HTTP/1.1 200 OK\r\n") == "http");
  CHECK(service("SSH-2.0-OpenSSH_9.2\r\n", "SSH-2.0-OpenSSH_8.4\r\n") == "ssh");
  CHECK(service("USER anonymous\r\n", "220 ftp.example.org ready\r\n") == "ftp");
  CHECK(service("EHLO client\r\n", "220 mail.example.org ESMTP\r\n") == "smtp");
  CHECK(service("CAPA\r\n", "+OK POP3 ready\r\n") == "pop3");
  CHECK(service("NICK bob\r\nUSER bob 0 * :Bob\r\n", ":irc.example.org NOTICE * :hello\r\n") == "irc");
}

TEST_CASE("One side alone is not enough where Zeek's signature wants both", "[service]") {
  CHECK(service("GET / HTTP/1.1\r\n\r\n", "").empty());
  CHECK(service("", "SSH-2.0-OpenSSH_8.4\r\n").empty());  // a half-duplex capture
  CHECK(service("EHLO client\r\n", "+OK\r\n").empty());
  // SMTP's and FTP's greetings are the same: the client's command decides.
  CHECK(service("HELO client\r\n", "220-first line\r\n") == "smtp");
}

TEST_CASE("TLS is a ClientHello answered by TLS, and not without the SYN", "[service]") {
  CHECK(service(kClientHello, kServerHello) == "ssl");
  CHECK(service(kClientHello, std::string("\x15\x03\x03\x00\x02\x02\x28", 7)) == "ssl");  // an alert
  CHECK(service(kClientHello, "HTTP/1.1 400 Bad Request\r\n").empty());                   // Zeek's https-to-http
  CHECK(service(kClientHello, kServerHello, true).empty());
  CHECK(service(kServerHello, kClientHello).empty());  // reversed roles
}

TEST_CASE("DNS over TCP needs a whole, plausible message behind its length", "[service]") {
  // length 29: id, flags 0x0100 (query, RD), 1 question, 0 answers, example.com A IN
  const std::string query(
      "\x00\x1d\x12\x34\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00"
      "\x07"
      "example"
      "\x03"
      "com"
      "\x00\x00\x01\x00\x01",
      31);
  CHECK(service_hints(b(query)) == service_hint::dns_query);
  CHECK(service(query, "") == "dns");
  CHECK((service_hints(b(kClientHello)) & (service_hint::dns_query | service_hint::dns_response)) == 0);
  CHECK(service_hints(b(query.substr(0, 20))) == 0);  // cut short
}

TEST_CASE("LDAP is a BER message with an application tag, answered in BER", "[service]") {
  // bindRequest: SEQUENCE len 12 { INTEGER 1, [APPLICATION 0] ... }
  const std::string bind("\x30\x0c\x02\x01\x01\x60\x07\x02\x01\x03\x04\x00\x80\x00", 14);
  const std::string response("\x30\x0c\x02\x01\x01\x61\x07\x0a\x01\x00\x04\x00\x04\x00", 14);
  CHECK(service(bind, response) == "ldap_tcp");
  CHECK(service(response.substr(0, 1), bind).empty());
}

TEST_CASE("Only the first bytes of each side count", "[service]") {
  ServiceProbe p;
  p.feed(0, b("hello\r\n"));
  p.feed(0, b("GET / HTTP/1.1\r\n"));  // too late: the first bytes were not a request
  p.feed(1, b("HTTP/1.1 200 OK\r\n"));
  CHECK(p.done());
  CHECK(p.service(false).empty());
}
