// Fuzz target: the flow table and state machines driven by a sequence of
// synthetic segments. Each 8 input bytes are one segment: direction and
// 4-tuple variant, flags, sequence and ack offsets from small ISNs near
// 2^32, payload length.
#include <cstdint>
#include <vector>

#include "capgen.hpp"
#include "tcplens/analysis/flow_record.hpp"
#include "tcplens/app/pipeline.hpp"
#include "tcplens/flow/flow_table.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tcplens;
  PipelineConfig config;
  config.analyzers.framing = FramingSpec{2, true};  // every analyzer that can start, starts
  FlowTableOptions options = config.table_options();
  options.limits.reassembly_memory = 4096;  // small bounds, so the limits are exercised too
  options.limits.reassembly_limits.per_direction = 1024;
  options.limits.reassembly_limits.retained = 512;
  options.limits.max_connections = 3;  // and connections leave early: full table, idle, TIME_WAIT over
  options.limits.idle_timeout = 40;
  options.limits.time_wait_seconds = 10;
  FlowTable table(options);
  std::size_t retired = 0;
  table.on_retire([&](Connection& c, Retirement, double) {
    PacketReport last;
    c.finish_streams(last);
    for (const Role side : {Role::orig, Role::resp}) {
      const StreamReassembler* rs = c.stream_of(side);
      for (const auto& chunk : last.chunks[static_cast<int>(side)]) {
        if (rs != nullptr && !chunk.gap && !chunk.uncaptured) (void)rs->bytes(chunk);
      }
    }
    make_flow_record(c);
    ++retired;
  });
  PacketReport report;
  const auto a = capgen::ipv4("10.0.0.1");
  const auto b = capgen::ipv4("10.0.0.2");
  for (std::size_t i = 0; i + 8 <= size && i < 8 * 512; i += 8) {
    const std::uint8_t* p = data + i;
    const bool from_a = (p[0] & 1) != 0;
    capgen::TcpSpec t;
    t.sport = from_a ? static_cast<std::uint16_t>(40000 + (p[0] >> 5)) : 80;
    t.dport = from_a ? 80 : static_cast<std::uint16_t>(40000 + (p[0] >> 5));
    t.flags = p[1];
    t.seq = 0xFFFFFF00u + (from_a ? 0u : 0x80u) + static_cast<std::uint32_t>(p[2] | (p[3] << 8));
    t.ack = 0xFFFFFF00u + (from_a ? 0x80u : 0u) + static_cast<std::uint32_t>(p[4] | (p[5] << 8));
    t.window = p[6] % 4 == 0 ? 0 : 1000;
    t.payload.resize(p[7] % 64);
    for (std::size_t k = 0; k < t.payload.size(); ++k)
      t.payload[k] = static_cast<std::uint8_t>('a' + (k + (p[6] >> 4)) % 3);
    const auto& src = from_a ? a : b;
    const auto& dst = from_a ? b : a;
    const capgen::Bytes bytes =
        capgen::ethernet(0x0800, capgen::ipv4_packet({src, dst}, capgen::tcp_over_ipv4(t, src, dst)));
    RawFrame frame;
    frame.number = i / 8 + 1;
    frame.ts = Timestamp{1000 + static_cast<std::int64_t>(i / 8) * (p[6] % 7), 0, false};
    frame.caplen = frame.wirelen = static_cast<std::uint32_t>(bytes.size());
    frame.data = Bytes(bytes.data(), bytes.size());
    const DecodedPacket pkt = decode_packet(1, frame);
    if (!pkt.is_analyzable_tcp()) continue;
    track_segment(config, table, pkt, pkt.frame->ts.seconds(), report);
  }
  table.retire_all();
  if (retired != table.streams() || table.open_count() != 0) __builtin_trap();
  if (table.peak_open() > 3) __builtin_trap();
  // The shared budget holds at most its cap, plus for each direction the
  // bytes of its latest delivery (kept so the caller can read them).
  const std::size_t directions = 2 * table.streams();
  if (table.buffer_budget().peak() > 4096 + directions * (64 + 512)) __builtin_trap();
  return 0;
}
