// Deterministic synthetic capture for benchmarks and streaming tests:
// realistic handshakes, data both ways at MSS 1448, about 1% retransmissions
// and some reordering, FIN and RST closes, correct lengths and checksums.
//
// usage: generate_capture OUT.pcap CONNECTIONS CONCURRENT [SEED] [SEGMENTS_PER_CONN]
#include <cstdlib>
#include <deque>
#include <random>
#include <string>

#include "capgen.hpp"

using namespace capgen;

namespace {

struct Connection {
  Ipv4Address client;
  Ipv4Address server;
  std::uint16_t cport = 0;
  std::uint16_t sport = 443;
  std::uint32_t cseq = 0;
  std::uint32_t sseq = 0;
  int step = 0;
  int segments = 0;
  bool reset = false;
};

class Generator {
 public:
  Generator(const std::string& path, std::uint32_t seed, int segments)
      : out_(path, kLinkEthernet), rng_(seed), segments_(segments) {}

  void run(std::uint64_t total, std::uint64_t concurrent) {
    std::deque<Connection> open;
    std::uint64_t started = 0;
    while (started < total || !open.empty()) {
      while (open.size() < concurrent && started < total) open.push_back(make(started++));
      Connection c = open.front();
      open.pop_front();
      if (advance(c)) open.push_back(c);
    }
  }

 private:
  Connection make(std::uint64_t n) {
    Connection c;
    c.client = Ipv4Address{
        {10, static_cast<std::uint8_t>(n >> 16), static_cast<std::uint8_t>(n >> 8), static_cast<std::uint8_t>(n)}};
    c.server = Ipv4Address{{172, 16, static_cast<std::uint8_t>(n % 7), 1}};
    c.cport = static_cast<std::uint16_t>(1024 + (n * 7919) % 60000);
    c.cseq = static_cast<std::uint32_t>(rng_());
    c.sseq = static_cast<std::uint32_t>(rng_());
    c.segments = segments_ / 2 + static_cast<int>(rng_() % static_cast<unsigned>(segments_ + 1));
    c.reset = rng_() % 10 == 0;
    return c;
  }

  void send(const Connection& c, bool from_client, std::uint8_t flags, std::uint32_t seq, std::uint32_t ack,
            std::size_t payload, Bytes options = {}) {
    TcpSpec t;
    t.sport = from_client ? c.cport : c.sport;
    t.dport = from_client ? c.sport : c.cport;
    t.seq = seq;
    t.ack = ack;
    t.flags = flags;
    t.window = 501;
    t.options = std::move(options);
    t.payload.assign(payload, static_cast<std::uint8_t>('a' + (seq % 26)));
    const auto& src = from_client ? c.client : c.server;
    const auto& dst = from_client ? c.server : c.client;
    out_.write(now_, ethernet(0x0800, ipv4_packet({src, dst}, tcp_over_ipv4(t, src, dst))));
    now_ += 1000 + rng_() % 20000;
  }

  // One step of a connection; false once it is closed.
  bool advance(Connection& c) {
    const Bytes syn_opts = cat({opt_mss(1448), opt_sack_permitted(), opt_timestamp(1, 0), opt_nop(), opt_wscale(7)});
    switch (c.step++) {
      case 0:
        send(c, true, flag::syn, c.cseq, 0, 0, syn_opts);
        return true;
      case 1:
        send(c, false, flag::syn | flag::ack, c.sseq, c.cseq + 1, 0, syn_opts);
        return true;
      case 2:
        ++c.cseq;
        ++c.sseq;
        send(c, true, flag::ack, c.cseq, c.sseq, 0);
        return true;
      default:
        break;
    }
    if (c.segments-- > 0) {
      data_exchange(c);
      return true;
    }
    close(c);
    return false;
  }

  void data_exchange(Connection& c) {
    // A request, then a response of one or two full segments, then an ACK.
    send(c, true, flag::psh | flag::ack, c.cseq, c.sseq, 200);
    c.cseq += 200;
    const std::uint32_t first = c.sseq;
    const bool reorder = rng_() % 50 == 0;
    if (reorder) {
      send(c, false, flag::ack, first + 1448, c.cseq, 1448);
      send(c, false, flag::ack, first, c.cseq, 1448);
    } else {
      send(c, false, flag::ack, first, c.cseq, 1448);
      send(c, false, flag::ack, first + 1448, c.cseq, 1448);
    }
    if (rng_() % 100 == 0) send(c, false, flag::ack, first, c.cseq, 1448);  // retransmission
    c.sseq += 2 * 1448;
    send(c, true, flag::ack, c.cseq, c.sseq, 0);
  }

  void close(Connection& c) {
    if (c.reset) {
      send(c, true, flag::rst | flag::ack, c.cseq, c.sseq, 0);
      return;
    }
    send(c, true, flag::fin | flag::ack, c.cseq, c.sseq, 0);
    send(c, false, flag::fin | flag::ack, c.sseq, c.cseq + 1, 0);
    send(c, true, flag::ack, c.cseq + 1, c.sseq + 1, 0);
  }

  CaptureWriter out_;
  std::mt19937 rng_;
  int segments_;
  std::uint64_t now_ = capgen::kSyntheticStart;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: %s OUT.pcap CONNECTIONS CONCURRENT [SEED] [SEGMENTS_PER_CONN]\n", argv[0]);
    return 2;
  }
  const auto total = std::strtoull(argv[2], nullptr, 10);
  const auto concurrent = std::strtoull(argv[3], nullptr, 10);
  const auto seed = argc > 4 ? static_cast<std::uint32_t>(std::strtoul(argv[4], nullptr, 10)) : 1u;
  const int segments = argc > 5 ? std::atoi(argv[5]) : 6;
  Generator(argv[1], seed, segments).run(total, concurrent == 0 ? 1 : concurrent);
  return 0;
}
