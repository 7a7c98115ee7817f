// UDP flows: one per address/port pair, Zeek's originator and flip, the
// 60 s inactivity split, and the bound on how many are kept.
#include "tcplens/flow/udp_flows.hpp"

#include <catch2/catch.hpp>

#include "tcplens/analysis/udp_flow_record.hpp"

using namespace tcplens;

namespace {

IpAddress v4(std::uint8_t a, std::uint8_t b, std::uint8_t c, std::uint8_t d) {
  const std::uint8_t o[4] = {a, b, c, d};
  return IpAddress::v4(Bytes(o, 4));
}

UdpDatagram datagram(const IpAddress& src, std::uint16_t sp, const IpAddress& dst, std::uint16_t dp, double t,
                     std::uint32_t payload, std::uint64_t frame) {
  UdpDatagram d;
  d.src = src;
  d.dst = dst;
  d.src_port = sp;
  d.dst_port = dp;
  d.payload = payload;
  d.ip_bytes = payload + 28;
  d.ts.sec = static_cast<std::int64_t>(t);
  d.ts.frac = static_cast<std::int64_t>((t - static_cast<double>(d.ts.sec)) * 1e6 + 0.5);
  d.frame = frame;
  return d;
}

}  // namespace

TEST_CASE("Both directions of a pair are one flow; its first sender is the originator", "[udp]") {
  const IpAddress client = v4(10, 0, 0, 1), server = v4(10, 0, 0, 2);
  UdpFlowTable table;
  table.offer(datagram(client, 40000, server, 9000, 1.0, 10, 1));
  table.offer(datagram(server, 9000, client, 40000, 1.5, 10, 2));
  table.offer(datagram(client, 40000, server, 9000, 2.0, 100, 3));
  table.offer(datagram(client, 40001, server, 9000, 2.5, 20, 4));  // another source port: another flow
  REQUIRE(table.flows().size() == 2);
  const UdpFlow& f = table.flows()[0];
  CHECK(f.orig_h == client);
  CHECK(f.orig_p == 40000);
  CHECK(f.packets[0] == 2);
  CHECK(f.packets[1] == 1);
  CHECK(f.payload[0] == 110);
  CHECK(f.ip_bytes[1] == 38);
  CHECK(f.history == "Dd");
  const FlowRecord r = make_udp_flow_record(f);
  CHECK(r.proto == "udp");
  CHECK(r.ip_proto == 17);
  CHECK(r.conn_state == "SF");
  CHECK(r.duration == Approx(1.0));
  CHECK(make_udp_flow_record(table.flows()[1]).conn_state == "S0");
  CHECK(table.flows()[1].stream == 1);
}

TEST_CASE("A first datagram from a server port is flipped (Zeek's '^'), not to 255.255.255.255", "[udp]") {
  UdpFlowTable table;
  const IpAddress resolver = v4(10, 0, 0, 53), host = v4(10, 0, 0, 7);
  table.offer(datagram(resolver, 53, host, 33000, 1.0, 40, 1));  // a DNS answer whose query was not captured
  table.offer(datagram(v4(0, 0, 0, 0), 67, v4(255, 255, 255, 255), 68, 2.0, 300, 2));
  REQUIRE(table.flows().size() == 2);
  const FlowRecord answer = make_udp_flow_record(table.flows()[0]);
  CHECK(answer.orig_h == host);
  CHECK(answer.resp_p == 53);
  CHECK(answer.history == "^d");
  CHECK(answer.conn_state == "SHR");
  CHECK(answer.service == "dns");
  CHECK(table.flows()[1].history == "D");  // DHCP server port 67 to 68, but broadcast: not flipped
  CHECK(udp_conn_state(false, false) == "OTH");
}

TEST_CASE("60 s of silence ends a flow; past the bound new flows are counted only", "[udp]") {
  const IpAddress a = v4(192, 168, 0, 1), b = v4(192, 168, 0, 2);
  UdpFlowTable table(2);
  table.offer(datagram(a, 5000, b, 6000, 0.0, 1, 1));
  table.offer(datagram(b, 6000, a, 5000, 59.9, 1, 2));   // within the timeout
  table.offer(datagram(a, 5000, b, 6000, 119.9, 1, 3));  // 60 s after the last: a new flow
  REQUIRE(table.flows().size() == 2);
  CHECK(table.flows()[0].packets[1] == 1);
  CHECK(table.flows()[1].first_frame == 3);
  table.offer(datagram(a, 5001, b, 6000, 120.0, 1, 4));  // a third pair: past the bound
  CHECK(table.flows().size() == 2);
  CHECK(table.not_kept() == 1);
  CHECK(table.datagrams() == 4);
}
