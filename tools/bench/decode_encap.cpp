// Google Benchmark of decoding alone: the same TCP segment on plain
// Ethernet and inside VLAN + IPv4 + UDP + VXLAN + Ethernet (issue #15's
// target: at most 15% more per packet through the tunnel).
//
// usage: bench_decode_encap [--benchmark_* flags]
#include <benchmark/benchmark.h>

#include "capgen.hpp"
#include "tcplens/capture/raw_frame.hpp"
#include "tcplens/decode/decoded_packet.hpp"

using namespace tcplens;

namespace {

capgen::Bytes inner_segment() {
  capgen::TcpSpec t;
  t.sport = 40000;
  t.dport = 443;
  t.seq = 1000;
  t.ack = 2000;
  t.flags = capgen::flag::ack | capgen::flag::psh;
  t.options = capgen::opt_timestamp(1, 2);
  t.payload = capgen::Bytes(100, 'x');
  const auto a = capgen::ipv4("192.168.1.1");
  const auto b = capgen::ipv4("192.168.1.2");
  return capgen::ipv4_packet({a, b}, capgen::tcp_over_ipv4(t, a, b));
}

capgen::Bytes plain_frame() { return capgen::ethernet(0x0800, inner_segment()); }

capgen::Bytes vlan_vxlan_frame() {
  const capgen::Bytes inner = capgen::ethernet(0x0800, inner_segment());
  capgen::Bytes vxlan = {0x08, 0, 0, 0, 0, 0x10, 0x92, 0};  // VNI 4242
  vxlan.insert(vxlan.end(), inner.begin(), inner.end());
  const auto a = capgen::ipv4("10.0.0.1");
  const auto b = capgen::ipv4("10.0.0.2");
  capgen::Ipv4Spec outer{a, b};
  outer.protocol = 17;
  return capgen::ethernet(0x0800, capgen::ipv4_packet(outer, capgen::udp_over_ipv4(50000, 4789, vxlan, a, b)), {10});
}

void decode_loop(benchmark::State& state, const capgen::Bytes& bytes) {
  RawFrame frame;
  frame.number = 1;
  frame.caplen = frame.wirelen = static_cast<std::uint32_t>(bytes.size());
  frame.data = Bytes(bytes.data(), bytes.size());
  for (auto _ : state) {
    DecodedPacket pkt = decode_packet(1, frame);
    benchmark::DoNotOptimize(pkt.tcp.seq);
    benchmark::DoNotOptimize(pkt.encap.count);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

void BM_decode_ethernet(benchmark::State& state) { decode_loop(state, plain_frame()); }
void BM_decode_vlan_vxlan(benchmark::State& state) { decode_loop(state, vlan_vxlan_frame()); }

}  // namespace

BENCHMARK(BM_decode_ethernet);
BENCHMARK(BM_decode_vlan_vxlan);
BENCHMARK_MAIN();
