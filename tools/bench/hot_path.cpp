// Google Benchmark of the per-packet hot path: decode, flow lookup, state
// machines, verdicts, reassembly accounting and application analysis, over
// frames held in memory (so reading the file is not what is measured).
// One benchmark per capture given; the frames come from
// generate_bench_capture, as in tools/bench/run, which runs this.
//
// usage: bench_hot_path CAPTURE... [--benchmark_* flags]
#include <benchmark/benchmark.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "tcplens/app/capture_run.hpp"
#include "tcplens/capture/frame_batch.hpp"
#include "tcplens/capture/pcap_file.hpp"
#include "tcplens/decode/decoded_packet.hpp"

using namespace tcplens;

namespace {

// A capture's frames, copied out of libpcap's buffer (a FrameBatch, as
// --threads hands them over), with their views made once.
struct LoadedCapture {
  int dlt = 1;
  FrameBatch held;
  std::vector<RawFrame> frames;
};

std::unique_ptr<LoadedCapture> load(const std::string& path) {
  auto c = std::make_unique<LoadedCapture>();
  PcapFile file(path, false);
  c->dlt = file.link_type();
  RawFrame f;
  while (file.next(f) == ReadStatus::frame) c->held.add(f, f.ts.seconds());
  for (std::size_t i = 0; i < c->held.size(); ++i) c->frames.push_back(c->held.frame(i));
  return c;
}

void decode_only(benchmark::State& state, const LoadedCapture* capture) {
  std::size_t i = 0;
  for (auto _ : state) {
    const DecodedPacket pkt = decode_packet(capture->dlt, capture->frames[i]);
    benchmark::DoNotOptimize(pkt.tcp.seq);
    if (++i == capture->frames.size()) i = 0;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

// What `tcplens flows` does per packet (the same Pipeline). The table starts afresh (untimed)
// each time the capture wraps around.
void decode_and_track(benchmark::State& state, const LoadedCapture* capture) {
  const PipelineConfig config;
  auto table = std::make_unique<FlowTable>(config.table_options());
  DiscardSink sink;
  CaptureStats stats;
  auto pipeline = std::make_unique<Pipeline>(config, table.get(), sink, stats);
  std::size_t i = 0;
  std::size_t peak_open = 0;
  for (auto _ : state) {
    pipeline->frame(capture->dlt, capture->frames[i]);
    if (++i == capture->frames.size()) {
      state.PauseTiming();
      peak_open = std::max(peak_open, table->peak_open());
      table = std::make_unique<FlowTable>(config.table_options());
      pipeline = std::make_unique<Pipeline>(config, table.get(), sink, stats);
      i = 0;
      state.ResumeTiming();
    }
  }
  peak_open = std::max(peak_open, table->peak_open());
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
  state.counters["peak_open"] = static_cast<double>(peak_open);
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s CAPTURE... [--benchmark_* flags]\n", argv[0]);
    return 2;
  }
  std::vector<std::unique_ptr<LoadedCapture>> captures;
  for (int a = 1; a < argc; ++a) {
    try {
      captures.push_back(load(argv[a]));
    } catch (const CaptureError& e) {
      std::fprintf(stderr, "bench_hot_path: %s: %s\n", argv[a], e.what());
      return 2;
    }
    const std::string name = std::filesystem::path(argv[a]).stem().string();
    const LoadedCapture* c = captures.back().get();
    benchmark::RegisterBenchmark(("decode/" + name).c_str(), decode_only, c);
    benchmark::RegisterBenchmark(("decode+track/" + name).c_str(), decode_and_track, c);
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
