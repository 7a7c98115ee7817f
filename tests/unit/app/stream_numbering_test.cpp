// Stream numbers over shards equal one table's: the rank of each
// connection's first frame, given out only once no shard can still report
// an earlier one.
#include "tcplens/app/stream_numbering.hpp"

#include <catch2/catch.hpp>
#include <random>
#include <tuple>
#include <vector>

using namespace tcplens;

namespace {

using Given = std::tuple<std::size_t, std::uint64_t, std::uint64_t>;  // shard, local, stream

std::vector<Given> assign(StreamNumbering& n) {
  std::vector<Given> out;
  n.assign([&](std::size_t s, std::uint64_t local, std::uint64_t stream) { out.emplace_back(s, local, stream); });
  return out;
}

}  // namespace

TEST_CASE("stream numbering: waits for a shard that may still start an earlier connection", "[app]") {
  StreamNumbering n(2);
  n.started(1, 5, 0);        // shard 1's first connection, frame 5
  CHECK(assign(n).empty());  // shard 0 has not reported frames 1-4
  n.seen_up_to(0, 3);
  CHECK(assign(n).empty());  // frame 4 could still be shard 0's
  n.started(0, 4, 0);
  n.seen_up_to(0, 10);
  CHECK(assign(n) == std::vector<Given>{{0, 0, 0}, {1, 0, 1}});
  n.started(1, 12, 1);  // shard 0 has seen only up to 10
  CHECK(assign(n).empty());
  n.seen_up_to(0, 20);
  CHECK(assign(n) == std::vector<Given>{{1, 1, 2}});
  CHECK(n.given() == 3);
}

TEST_CASE("stream numbering: random interleavings give the single-table order", "[app]") {
  std::mt19937 rng(11);
  for (int round = 0; round < 50; ++round) {
    const std::size_t shards = 1 + rng() % 4;
    // Frames 1..400: each starts a connection with probability 1/3, in a random shard.
    std::vector<std::vector<std::uint64_t>> starts(shards);  // frames, per shard
    std::vector<std::uint64_t> expected_frames;
    for (std::uint64_t f = 1; f <= 400; ++f) {
      if (rng() % 3 != 0) continue;
      starts[rng() % shards].push_back(f);
      expected_frames.push_back(f);
    }
    // Shards advance at random speeds in steps of frames, as batches do.
    StreamNumbering n(shards);
    std::vector<std::size_t> reported(shards, 0);
    std::vector<std::uint64_t> seen(shards, 0);
    std::vector<std::uint64_t> stream_frames(expected_frames.size(), 0);
    std::size_t given = 0;
    while (given < expected_frames.size()) {
      const std::size_t s = rng() % shards;
      seen[s] = std::min<std::uint64_t>(400, seen[s] + rng() % 50);
      while (reported[s] < starts[s].size() && starts[s][reported[s]] <= seen[s]) {
        n.started(s, starts[s][reported[s]], reported[s]);
        ++reported[s];
      }
      n.seen_up_to(s, seen[s]);
      for (const auto& [shard, local, stream] : assign(n)) {
        REQUIRE(stream == given);
        stream_frames[stream] = starts[shard][local];
        ++given;
      }
    }
    CHECK(stream_frames == expected_frames);
  }
}
