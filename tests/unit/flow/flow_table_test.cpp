// The flow table keeps open connections only: connections leave it when
// TIME_WAIT is over, when idle for the idle timeout, when the table is full
// (longest idle first) and at the end, each told to the owner once.
#include "tcplens/flow/flow_table.hpp"

#include <catch2/catch.hpp>
#include <memory>
#include <string>
#include <vector>

#include "support/frames.hpp"

using namespace tcplens;
using namespace tcplens::testing;

namespace {

struct Retired {
  std::uint64_t stream;
  Retirement why;
  double idle;
};

// Drives a table with segments between 10.0.0.1:<client_port> and 10.0.0.2:80.
class TableDriver {
 public:
  explicit TableDriver(TrackingLimits limits) : table_(options(limits)) {
    table_.on_retire([this](Connection& c, Retirement why, double idle) {
      retired.push_back({c.stream(), why, idle});
    });
  }
  // One segment at `time` seconds; returns the stream it went to.
  std::uint64_t send(double time, std::uint16_t client_port, bool from_client, std::uint8_t flags, std::uint32_t seq,
                     std::uint32_t ack) {
    capgen::TcpSpec t;
    t.seq = seq;
    t.ack = ack;
    t.flags = flags;
    t.window = 1000;
    frames_.push_back(client_server_frame(from_client, client_port, t));
    OwnedFrame& f = *frames_.back();
    f.frame.number = frames_.size();
    const auto whole = static_cast<std::int64_t>(time);
    f.frame.ts = Timestamp{whole, static_cast<std::int64_t>((time - static_cast<double>(whole)) * 1e6), false};
    const DecodedPacket pkt = f.decode(1);
    SegmentReport report;
    Connection& c = table_.connection_for(pkt);
    c.on_segment(pkt, report);
    return c.stream();
  }
  // A whole connection: handshake, then the client closes and the server answers.
  void open_and_close(double t, std::uint16_t port) {
    using namespace capgen::flag;
    send(t, port, true, syn, 100, 0);
    send(t + 0.1, port, false, syn | ack, 500, 101);
    send(t + 0.2, port, true, ack, 101, 501);
    send(t + 0.3, port, true, fin | ack, 101, 501);
    send(t + 0.4, port, false, fin | ack, 501, 102);
    send(t + 0.5, port, true, ack, 102, 502);
  }
  FlowTable& table() { return table_; }
  std::vector<Retired> retired;

 private:
  static FlowTableOptions options(TrackingLimits limits) {
    FlowTableOptions o;
    o.limits = limits;
    return o;
  }
  FlowTable table_;
  std::vector<std::unique_ptr<OwnedFrame>> frames_;
};

TrackingLimits limits(double time_wait, double idle, std::size_t max) {
  TrackingLimits l;
  l.time_wait_seconds = time_wait;
  l.idle_timeout = idle;
  l.max_connections = max;
  return l;
}

}  // namespace

TEST_CASE("a finished connection leaves when TIME_WAIT is over, by capture time") {
  using namespace capgen::flag;
  TableDriver d(limits(60, 300, 0));
  d.open_and_close(1000, 40000);
  d.send(1059, 40001, true, syn, 7, 0);  // 58.5 s after the last ACK: still kept
  CHECK(d.retired.empty());
  CHECK(d.table().open_count() == 2);
  d.send(1061, 40002, true, syn, 7, 0);  // 60.5 s: gone
  REQUIRE(d.retired.size() == 1);
  CHECK(d.retired[0].stream == 0);
  CHECK(d.retired[0].why == Retirement::time_wait_over);
  CHECK(d.retired[0].idle == Approx(60.5));
  CHECK(d.table().open_count() == 2);
  CHECK(d.table().retired(Retirement::time_wait_over) == 1);
}

TEST_CASE("an open connection idle for the idle timeout is closed out; a later packet starts a new one") {
  using namespace capgen::flag;
  TableDriver d(limits(60, 300, 0));
  d.send(1000, 40000, true, syn, 100, 0);
  d.send(1000.1, 40000, false, syn | ack, 500, 101);
  d.send(1000.2, 40000, true, ack, 101, 501);
  CHECK(d.send(1299, 40000, true, ack, 101, 501) == 0);  // 298.8 s idle: the same connection
  CHECK(d.retired.empty());
  CHECK(d.send(1600, 40000, true, ack, 101, 501) == 1);  // 301 s: closed out, then picked up mid-stream
  REQUIRE(d.retired.size() == 1);
  CHECK(d.retired[0].why == Retirement::idle);
  CHECK(d.retired[0].idle == Approx(301));
  CHECK(d.table().retired(Retirement::idle) == 1);
}

TEST_CASE("idle timeout 0 keeps open connections to the end") {
  using namespace capgen::flag;
  TableDriver d(limits(60, 0, 0));
  d.send(1000, 40000, true, syn, 100, 0);
  CHECK(d.send(100000, 40000, true, syn, 100, 0) == 0);
  CHECK(d.retired.empty());
}

TEST_CASE("a full table closes out its longest idle connection, finished ones first") {
  using namespace capgen::flag;
  TableDriver d(limits(60, 300, 3));
  d.send(1, 40000, true, syn, 100, 0);
  d.send(2, 40001, true, syn, 100, 0);
  d.send(3, 40000, true, syn, 100, 0);  // a retransmitted SYN: 40000 is now the most recent
  d.send(4, 40002, true, syn, 100, 0);
  d.send(5, 40003, true, syn, 100, 0);  // a fourth: 40001 (idle since 2) goes
  REQUIRE(d.retired.size() == 1);
  CHECK(d.retired[0].stream == 1);
  CHECK(d.retired[0].why == Retirement::table_full);
  d.open_and_close(6, 40004);  // 40000 (idle since 3) goes for it
  REQUIRE(d.retired.size() == 2);
  CHECK(d.retired[1].stream == 0);
  d.send(8, 40005, true, syn, 100, 0);  // the finished one goes before the longer-idle open ones
  REQUIRE(d.retired.size() == 3);
  CHECK(d.retired[2].stream == 4);
  CHECK(d.table().peak_open() == 3);
  CHECK(d.table().retired(Retirement::table_full) == 3);
}

TEST_CASE("at the end every connection left leaves in stream order, once") {
  using namespace capgen::flag;
  TableDriver d(limits(60, 300, 0));
  d.send(1, 40003, true, syn, 100, 0);
  d.send(2, 40001, true, syn, 100, 0);
  d.send(3, 40002, true, syn, 100, 0);
  d.send(4, 40003, true, syn, 100, 0);  // most recent: stream 0
  d.table().retire_all();
  REQUIRE(d.retired.size() == 3);
  for (std::uint64_t i = 0; i < 3; ++i) {
    CHECK(d.retired[i].stream == i);
    CHECK(d.retired[i].why == Retirement::end_of_capture);
  }
  CHECK(d.table().open_count() == 0);
  d.table().retire_all();
  CHECK(d.retired.size() == 3);
}

TEST_CASE("port reuse within TIME_WAIT is still seen; the old connection stays until its time") {
  using namespace capgen::flag;
  TableDriver d(limits(60, 300, 0));
  d.open_and_close(1000, 40000);
  CHECK(d.send(1010, 40000, true, syn, 9000, 0) == 1);
  CHECK(d.table().open_count() == 2);
  d.send(1080, 40000, true, ack, 9001, 0);  // the old one's TIME_WAIT is over
  REQUIRE(d.retired.size() == 1);
  CHECK(d.retired[0].stream == 0);
  CHECK(d.send(1081, 40000, true, ack, 9001, 0) == 1);  // the index still finds the new one
}

TEST_CASE("a connection finished by its last packet moves to the TIME_WAIT queue at once") {
  using namespace capgen::flag;
  TableDriver d(limits(60, 300, 0));
  d.send(1000, 40001, true, syn, 100, 0);  // open, quiet from 1000
  d.open_and_close(1001, 40000);           // finished at 1001.5
  d.send(1062, 40002, true, syn, 100, 0);
  REQUIRE(d.retired.size() == 1);  // the finished one, though the open one is older
  CHECK(d.retired[0].stream == 1);
}
