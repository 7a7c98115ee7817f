// Stream numbers for connections tracked in shards (--threads): each shard
// numbers its own connections 0, 1, 2 ...; the run's number of a connection
// is its rank by the frame that started it, over all shards, which is the
// number one table would have given it (one frame starts at most one
// connection). A rank is known once every other shard has either started a
// later connection or read past that frame, so numbers are given out in
// order as the shards report progress.
#pragma once
#include <cstdint>
#include <deque>
#include <vector>

namespace tcplens {

class StreamNumbering {
 public:
  explicit StreamNumbering(std::size_t shards) : shards_(shards) {}

  // Shard `shard` started its connection `local` at `frame` (frames rising per shard).
  void started(std::size_t shard, std::uint64_t frame, std::uint64_t local) {
    shards_[shard].started.push_back({frame, local});
  }
  // Shard `shard` has handled every frame up to `frame` that was its.
  void seen_up_to(std::size_t shard, std::uint64_t frame) { shards_[shard].seen = frame; }

  // Gives out every number now known, in order: give(shard, local, stream).
  template <typename Give>
  void assign(Give&& give) {
    for (;;) {
      const std::size_t s = earliest();
      if (s == kNone) return;
      const Start first = shards_[s].started.front();
      for (std::size_t t = 0; t < shards_.size(); ++t) {
        if (t != s && shards_[t].started.empty() && shards_[t].seen < first.frame) return;  // t may start one earlier
      }
      shards_[s].started.pop_front();
      give(s, first.local, next_++);
    }
  }
  [[nodiscard]] std::uint64_t given() const { return next_; }

 private:
  static constexpr std::size_t kNone = SIZE_MAX;
  struct Start {
    std::uint64_t frame;
    std::uint64_t local;
  };
  struct Shard {
    std::deque<Start> started;  // not numbered yet
    std::uint64_t seen = 0;
  };
  [[nodiscard]] std::size_t earliest() const {
    std::size_t best = kNone;
    for (std::size_t s = 0; s < shards_.size(); ++s) {
      if (shards_[s].started.empty()) continue;
      if (best == kNone || shards_[s].started.front().frame < shards_[best].started.front().frame) best = s;
    }
    return best;
  }

  std::vector<Shard> shards_;
  std::uint64_t next_ = 0;
};

}  // namespace tcplens
