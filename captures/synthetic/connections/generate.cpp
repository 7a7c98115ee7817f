// Generates the synthetic connection captures in this folder: TCP
// situations a loopback run cannot produce on demand (simultaneous open and
// close, sequence numbers wrapping past 2^32, retransmitted SYN/SYN-ACK/FIN,
// a FIN retransmitted into TIME_WAIT, captures that start mid-connection or
// end before the close), and the seeds' own trace rebuilt packet for packet.
// Every segment has correct lengths, sequence numbers and checksums.
//
// usage: generate_connection_captures OUTPUT_DIR
#include <string>

#include "capgen.hpp"

using namespace capgen;

namespace {

struct Host {
  Ipv4Address ip;
  std::uint16_t port;
};

// Writes one conversation between two hosts; each send() takes the time
// offset in microseconds from the start.
class Conversation {
 public:
  Conversation(const std::string& path, Host a, Host b, std::uint64_t start_ns = kSyntheticStart)
      : w_(path, kLinkEthernet), a_(a), b_(b), start_(start_ns) {}

  void send(bool from_a, std::uint64_t at_us, std::uint8_t flags, std::uint32_t seq, std::uint32_t ack,
            std::uint16_t window, Bytes payload = {}, Bytes options = {}) {
    const Host& src = from_a ? a_ : b_;
    const Host& dst = from_a ? b_ : a_;
    TcpSpec t;
    t.sport = src.port;
    t.dport = dst.port;
    t.seq = seq;
    t.ack = ack;
    t.flags = flags;
    t.window = window;
    t.payload = std::move(payload);
    t.options = std::move(options);
    Ipv4Spec ip{src.ip, dst.ip};
    ip.id = id_++;
    w_.write(start_ + at_us * 1000, ethernet(0x0800, ipv4_packet(ip, tcp_over_ipv4(t, src.ip, dst.ip))));
  }

 private:
  CaptureWriter w_;
  Host a_;
  Host b_;
  std::uint64_t start_;
  std::uint16_t id_ = 1;
};

constexpr std::uint8_t S = flag::syn, A = flag::ack, F = flag::fin, R = flag::rst, P = flag::psh;
const Host kClient{ipv4("10.0.0.1"), 40000};
const Host kServer{ipv4("10.0.0.2"), 80};

Bytes filled(std::size_t n, char c) { return Bytes(n, static_cast<std::uint8_t>(c)); }
Bytes http_get(std::size_t total) {
  std::string s = "GET / HTTP/1.1\r\nHost: 192.168.0.104:8080\r\nConnection: keep-alive\r\n";
  while (s.size() + 2 < total) s += 'x';
  s.resize(total - 2);
  s += "\r\n";
  return text(s);
}

// The seeds' tcpdump trace (a phone fetching a page from a Node server on
// port 8080, the server closing the idle keep-alive connection after 5 s),
// rebuilt with the same addresses, numbers, windows, timestamps options and
// payload lengths. The notes called the phone's FIN the first wave; the
// server's FIN came first.
void seeds_trace(const std::string& dir) {
  const Host phone{ipv4("192.168.0.112"), 59444};
  const Host mac{ipv4("192.168.0.104"), 8080};
  // 2022-04-20 13:18:43.792152 (the notes print local time; UTC here).
  Conversation c(dir + "/seeds-keepalive-timeout.pcap", phone, mac, 1650460723792152ull * 1000ull);
  const std::uint32_t p = 4066526494u, m = 1744630445u;
  const Bytes syn_p = cat({opt_mss(1460), opt_nop(), opt_wscale(7), opt_nop(), opt_nop(), opt_timestamp(721554593, 0),
                           opt_sack_permitted(), Bytes{0}});
  const Bytes syn_m = cat({opt_mss(1460), opt_nop(), opt_wscale(5), opt_nop(), opt_nop(),
                           opt_timestamp(432914137, 721554593), opt_sack_permitted(), Bytes{0}});
  auto ts = [](std::uint32_t v, std::uint32_t e) { return cat({opt_nop(), opt_nop(), opt_timestamp(v, e)}); };
  Bytes response = text("HTTP/1.1 200 OK\r\nDate: Wed, 20 Apr 2022 05:18:44 GMT\r\nConnection: keep-alive\r\n");
  response.resize(132, 'x');
  c.send(true, 0, S, p, 0, 65535, {}, syn_p);
  c.send(false, 103, S | A, m, p + 1, 65535, {}, syn_m);
  c.send(true, 314270, A, p + 1, m + 1, 1029, {}, ts(721554931, 432914137));
  c.send(false, 314313, A, m + 1, p + 1, 4117, {}, ts(432914451, 721554931));
  c.send(true, 316338, P | A, p + 1, m + 1, 1029, http_get(412), ts(721554932, 432914137));
  c.send(false, 316376, A, m + 1, p + 413, 4104, {}, ts(432914453, 721554932));
  c.send(false, 316927, P | A, m + 1, p + 413, 4104, response, ts(432914453, 721554932));
  c.send(true, 502651, A, p + 413, m + 133, 1028, {}, ts(721555222, 432914453));
  c.send(false, 5319342, F | A, m + 133, p + 413, 4104, {}, ts(432919434, 721555222));
  c.send(true, 5409213, A, p + 413, m + 134, 1028, {}, ts(721560131, 432919434));
  c.send(true, 5409600, F | A, p + 413, m + 134, 1028, {}, ts(721560131, 432919434));
  c.send(false, 5409652, A, m + 134, p + 414, 4104, {}, ts(432919523, 721560131));
  c.send(true, 12981840, F | A, p + 413, m + 134, 1028, {}, ts(721567664, 432919434));
  c.send(false, 12981876, A, m + 134, p + 414, 4104, {}, ts(432927075, 721560131));
}

void simultaneous_open(const std::string& dir) {
  Conversation c(dir + "/simultaneous-open.pcap", {ipv4("10.0.0.1"), 5000}, {ipv4("10.0.0.2"), 6000});
  c.send(true, 0, S, 100, 0, 1000);
  c.send(false, 10, S, 900, 0, 1000);
  c.send(true, 500, S | A, 100, 901, 1000);
  c.send(false, 510, S | A, 900, 101, 1000);
  c.send(true, 1000, P | A, 101, 901, 1000, text("hi"));
  c.send(false, 1500, A, 901, 103, 1000);
  c.send(true, 2000, F | A, 103, 901, 1000);
  c.send(false, 2500, F | A, 901, 104, 1000);
  c.send(true, 3000, A, 104, 902, 1000);
}

void simultaneous_close(const std::string& dir) {
  Conversation c(dir + "/simultaneous-close.pcap", kClient, kServer);
  c.send(true, 0, S, 1000, 0, 1000);
  c.send(false, 100, S | A, 5000, 1001, 1000);
  c.send(true, 200, A, 1001, 5001, 1000);
  c.send(true, 300, P | A, 1001, 5001, 1000, filled(10, 'q'));
  c.send(false, 400, P | A, 5001, 1011, 1000, filled(20, 'r'));
  c.send(true, 500, A, 1011, 5021, 1000);
  // Both send FIN before seeing the other's: neither FIN ACKs the other.
  c.send(true, 1000, F | A, 1011, 5021, 1000);
  c.send(false, 1010, F | A, 5021, 1011, 1000);
  c.send(true, 1500, A, 1012, 5022, 1000);
  c.send(false, 1510, A, 5022, 1012, 1000);
}

void wraparound(const std::string& dir) {
  // Both ISNs just below 2^32: every count crosses the wrap.
  Conversation c(dir + "/wraparound.pcap", kClient, kServer);
  const std::uint32_t ci = 0xFFFFFF00u, si = 0xFFFFFFF0u;
  c.send(true, 0, S, ci, 0, 1000);
  c.send(false, 100, S | A, si, ci + 1, 1000);
  c.send(true, 200, A, ci + 1, si + 1, 1000);
  std::uint32_t cseq = ci + 1, sseq = si + 1;
  for (int i = 0; i < 3; ++i) {
    c.send(true, 300 + i * 300, P | A, cseq, sseq, 1000, filled(200, 'c'));
    cseq += 200;
    c.send(false, 400 + i * 300, P | A, sseq, cseq, 1000, filled(1000, 's'));
    sseq += 1000;
    c.send(true, 500 + i * 300, A, cseq, sseq, 1000);
  }
  c.send(true, 2000, F | A, cseq, sseq, 1000);
  c.send(false, 2100, A, sseq, cseq + 1, 1000);
  c.send(false, 2200, F | A, sseq, cseq + 1, 1000);
  c.send(true, 2300, A, cseq + 1, sseq + 1, 1000);
}

void retransmissions(const std::string& dir) {
  // SYN and SYN-ACK each sent twice; the client's FIN sent again after the
  // server's ACK was lost beyond the capture point: the server, already
  // CLOSED... no: the client closed first, so it is the one in TIME_WAIT and
  // re-ACKs the server's retransmitted FIN.
  Conversation c(dir + "/retransmitted-syn-synack-fin.pcap", kClient, kServer);
  c.send(true, 0, S, 1000, 0, 1000);
  c.send(true, 1000000, S, 1000, 0, 1000);
  c.send(false, 1000100, S | A, 5000, 1001, 1000);
  c.send(false, 2000100, S | A, 5000, 1001, 1000);
  c.send(true, 2000200, A, 1001, 5001, 1000);
  c.send(true, 2000300, P | A, 1001, 5001, 1000, filled(50, 'g'));
  c.send(false, 2000400, P | A, 5001, 1051, 1000, filled(80, 'h'));
  c.send(true, 2000500, F | A, 1051, 5081, 1000);
  c.send(false, 2000600, A, 5081, 1052, 1000);
  c.send(false, 2000700, F | A, 5081, 1052, 1000);
  c.send(true, 2000800, A, 1052, 5082, 1000);
  c.send(false, 2200700, F | A, 5081, 1052, 1000);  // that ACK never arrived: FIN again
  c.send(true, 2200800, A, 1052, 5082, 1000);        // TIME_WAIT re-ACKs it
}

void reset_in_handshake(const std::string& dir) {
  Conversation c(dir + "/reset-in-handshake.pcap", kClient, kServer);
  c.send(true, 0, S, 1000, 0, 1000);
  c.send(false, 100, S | A, 5000, 1001, 1000);
  c.send(true, 200, R, 1001, 0, 0);  // the client gives up before completing
}

void midstream_and_unfinished(const std::string& dir) {
  {
    // The capture starts mid-connection (the first packet is the server's
    // data), then the client closes.
    Conversation c(dir + "/midstream-start.pcap", {ipv4("10.0.0.2"), 443}, {ipv4("10.0.0.1"), 51000});
    c.send(true, 0, P | A, 70000, 30000, 1000, filled(100, 'd'));
    c.send(false, 100, A, 30000, 70100, 1000);
    c.send(false, 200, P | A, 30000, 70100, 1000, filled(40, 'e'));
    c.send(true, 300, A, 70100, 30040, 1000);
    c.send(false, 400, F | A, 30040, 70100, 1000);
    c.send(true, 500, F | A, 70100, 30041, 1000);
    c.send(false, 600, A, 30041, 70101, 1000);
  }
  {
    // The capture ends while the connection is open.
    Conversation c(dir + "/capture-ends-open.pcap", kClient, kServer);
    c.send(true, 0, S, 1000, 0, 1000);
    c.send(false, 100, S | A, 5000, 1001, 1000);
    c.send(true, 200, A, 1001, 5001, 1000);
    c.send(true, 300, P | A, 1001, 5001, 1000, filled(30, 'x'));
    c.send(false, 400, A, 5001, 1031, 1000);
  }
  {
    // A SYN nobody answers, three times.
    Conversation c(dir + "/syn-unanswered.pcap", kClient, {ipv4("10.0.0.9"), 22});
    c.send(true, 0, S, 777, 0, 1000);
    c.send(true, 1000000, S, 777, 0, 1000);
    c.send(true, 3000000, S, 777, 0, 1000);
  }
}

void fin_with_last_data(const std::string& dir) {
  // The server's last response bytes carry its FIN; the client answers
  // with FIN+ACK: a 3-way close.
  Conversation c(dir + "/fin-with-last-data.pcap", kClient, kServer);
  c.send(true, 0, S, 1000, 0, 1000);
  c.send(false, 100, S | A, 5000, 1001, 1000);
  c.send(true, 200, A, 1001, 5001, 1000);
  c.send(true, 300, P | A, 1001, 5001, 1000, text("GET / HTTP/1.0\r\n\r\n"));
  c.send(false, 400, F | P | A, 5001, 1019, 1000, text("HTTP/1.0 200 OK\r\n\r\nbye"));
  c.send(true, 500, F | A, 1019, 5024, 1000);
  c.send(false, 600, A, 5024, 1020, 1000);
}

}  // namespace

// One connection that earns every window and keep-alive verdict Wireshark
// has, in order: a spurious retransmission (data already ACKed) and the
// duplicate ACK it draws, data that fills the receiver's window exactly, a
// zero window, two zero-window probes and their ACKs, a window update, a
// keep-alive and its ACK, then a normal close. No window scaling (neither
// SYN offers it), so windows are bytes.
void analysis_verdicts(const std::string& dir) {
  const Host client{ipv4("10.0.0.1"), 40010};
  const Host server{ipv4("10.0.0.2"), 9000};
  Conversation c(dir + "/window-and-keepalive-verdicts.pcap", client, server);
  c.send(true, 0, S, 100, 0, 1000);
  c.send(false, 100, S | A, 500, 101, 1000);
  c.send(true, 200, A, 101, 501, 1000);
  c.send(true, 1000, P | A, 101, 501, 1000, filled(100, 'a'));
  c.send(false, 1100, A, 501, 201, 1000);
  c.send(true, 50000, P | A, 101, 501, 1000, filled(100, 'a'));  // spurious: 101..201 was ACKed
  c.send(false, 50100, A, 501, 201, 1000);                         // duplicate ACK #1
  c.send(true, 100000, A, 201, 501, 1000, filled(1000, 'b'));      // fills the 1000-byte window
  c.send(false, 100100, A, 501, 1201, 0);                          // zero window
  c.send(true, 300000, A, 1201, 501, 1000, filled(1, 'c'));        // zero-window probe
  c.send(false, 300100, A, 501, 1201, 0);                          // its ACK
  c.send(true, 700000, A, 1201, 501, 1000, filled(1, 'c'));        // probe again
  c.send(false, 700100, A, 501, 1201, 0);
  c.send(false, 900000, A, 501, 1201, 1000);                       // window update
  c.send(true, 900100, P | A, 1201, 501, 1000, filled(300, 'd'));
  c.send(false, 900200, A, 501, 1501, 1000);
  c.send(true, 5000000, A, 1500, 501, 1000);                       // keep-alive: one below the next number
  c.send(false, 5000100, A, 501, 1501, 1000);                      // keep-alive ACK
  c.send(true, 5100000, F | A, 1501, 501, 1000);
  c.send(false, 5100100, F | A, 501, 1502, 1000);
  c.send(true, 5100200, A, 1502, 502, 1000);
}

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s OUTPUT_DIR\n", argv[0]);
    return 2;
  }
  const std::string dir = argv[1];
  seeds_trace(dir);
  simultaneous_open(dir);
  simultaneous_close(dir);
  wraparound(dir);
  retransmissions(dir);
  reset_in_handshake(dir);
  midstream_and_unfinished(dir);
  fin_with_last_data(dir);
  analysis_verdicts(dir);
  return 0;
}
