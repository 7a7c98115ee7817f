// One direction's byte stream rebuilt from segments, over 64-bit relative
// sequence numbers: in-order bytes are delivered at once, later ones wait in
// a buffer until the gap before them fills, overlaps are resolved (the bytes
// seen first win) and reported when they differ, and gaps that never fill
// are skipped and counted (Zeek's missed_bytes). It knows nothing of flags
// or states: the TCP policy (connection.cpp) decides which payload enters
// and when a gap is final. Memory is bounded per direction and overall.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "tcplens/core/bytes.hpp"

namespace tcplens {

// Buffered bytes across all connections: a hard cap shared by every
// reassembler of a run.
class BufferBudget {
 public:
  explicit BufferBudget(std::size_t cap) : cap_(cap) {}
  [[nodiscard]] bool take(std::size_t n) {
    if (used_ + n > cap_) return false;
    used_ += n;
    if (used_ > peak_) peak_ = used_;
    return true;
  }
  void give(std::size_t n) { used_ -= n < used_ ? n : used_; }
  // Bytes that must be held whatever the cap (the segment being delivered).
  void force(std::size_t n) {
    used_ += n;
    if (used_ > peak_) peak_ = used_;
  }
  [[nodiscard]] bool over() const { return used_ > cap_; }
  [[nodiscard]] std::size_t used() const { return used_; }
  [[nodiscard]] std::size_t peak() const { return peak_; }
  [[nodiscard]] std::size_t cap() const { return cap_; }

  // Empty buffers handed back by idle streams, lent to the next stream that
  // needs one: a bulk transfer empties its buffer at nearly every ACK, and
  // freeing and allocating it each time was a malloc per segment. At most
  // 16 of at most 256 KiB are kept (4 MiB, outside the cap on buffered bytes).
  void recycle(std::vector<std::uint8_t>&& buffer) {
    if (spares_.size() < kMaxSpares && buffer.capacity() <= kMaxSpareBytes) {
      buffer.clear();
      spares_.push_back(std::move(buffer));
    }
    buffer = {};
  }
  [[nodiscard]] std::vector<std::uint8_t> spare() {
    if (spares_.empty()) return {};
    std::vector<std::uint8_t> b = std::move(spares_.back());
    spares_.pop_back();
    return b;
  }

 private:
  static constexpr std::size_t kMaxSpares = 16;
  static constexpr std::size_t kMaxSpareBytes = 256u << 10;
  std::vector<std::vector<std::uint8_t>> spares_;
  std::size_t cap_;
  std::size_t used_ = 0;
  std::size_t peak_ = 0;
};

struct ReassemblyLimits {
  std::size_t per_direction = 4u << 20;  // out-of-order bytes waiting in one direction
  std::size_t retained = 64u << 10;      // delivered bytes kept to compare retransmissions with
};

// A run of bytes delivered in order, or a gap skipped (data empty).
struct StreamChunk {
  std::int64_t offset = 0;
  std::uint64_t length = 0;
  std::uint64_t frame = 0;  // the segment that carried the bytes (0 for a gap)
  bool gap = false;
  bool uncaptured = false;  // cut off by the snapshot length: position known, bytes not
};

class StreamReassembler {
 public:
  StreamReassembler(BufferBudget& budget, ReassemblyLimits limits) : budget_(&budget), limits_(limits) {}
  ~StreamReassembler();
  StreamReassembler(const StreamReassembler&) = delete;
  StreamReassembler& operator=(const StreamReassembler&) = delete;

  // The relative number of the stream's first byte.
  void start_at(std::int64_t first) { next_ = retained_base_ = first; }
  // A segment's payload at a relative offset. Delivered chunks are appended
  // to out (cleared first); their bytes stay readable with bytes() until the
  // next call on this reassembler.
  void add(std::int64_t offset, Bytes data, std::uint64_t frame, std::vector<StreamChunk>& out);
  // Payload the capture did not keep (snaplen): it takes its place in the
  // stream without content, so it is neither a gap nor compared.
  void add_uncaptured(std::int64_t offset, std::uint64_t length, std::uint64_t frame, std::vector<StreamChunk>& out);
  // Nothing below `offset` will arrive (the peer ACKed it, or the stream
  // ended): skip the gap and deliver what waited behind it.
  void skip_to(std::int64_t offset, std::vector<StreamChunk>& out);
  // End of the stream: deliver everything buffered, gaps skipped.
  void finish(std::vector<StreamChunk>& out);
  // The peer ACKed up to offset: delivered bytes below it need not be kept.
  void acked(std::int64_t offset);

  // Bytes of a delivered chunk (valid until the next call).
  [[nodiscard]] Bytes bytes(const StreamChunk& c) const;

  [[nodiscard]] std::int64_t next() const { return next_; }
  [[nodiscard]] std::uint64_t delivered() const { return delivered_; }
  [[nodiscard]] std::uint64_t missed() const { return missed_; }
  [[nodiscard]] std::uint64_t uncaptured() const { return uncaptured_; }
  [[nodiscard]] std::uint64_t overlap_bytes() const { return overlap_bytes_; }
  [[nodiscard]] std::uint64_t conflicts() const { return conflicts_; }  // overlaps whose bytes differ
  [[nodiscard]] std::uint64_t first_conflict_frame() const { return first_conflict_frame_; }
  // Times a buffer limit made it give up waiting for a gap (bytes counted as missed).
  [[nodiscard]] std::uint64_t limit_hits() const { return limit_hits_; }
  [[nodiscard]] std::size_t buffered() const { return pending_bytes_; }
  // Bytes of the gaps before data still waiting (missed, should the stream end now).
  [[nodiscard]] std::uint64_t waiting_gap_bytes() const;

 private:
  struct Pending {
    std::vector<std::uint8_t> data;
    std::uint64_t frame;
    bool unknown;
  };
  void place(std::int64_t offset, Bytes data, std::uint64_t frame, std::vector<StreamChunk>& out, bool unknown = false);
  void compact();
  void restart_retained();
  void compare_with_retained(std::int64_t offset, Bytes data, std::uint64_t frame);
  void buffer(std::int64_t offset, Bytes data, std::uint64_t frame, std::vector<StreamChunk>& out, bool unknown);
  void deliver(std::int64_t offset, Bytes data, std::uint64_t frame, std::vector<StreamChunk>& out, bool unknown);
  void deliver_waiting(std::vector<StreamChunk>& out);
  void note_conflict(std::uint64_t frame);
  void trim_retained(std::size_t keep);
  [[nodiscard]] bool room_for(std::size_t n) const;

  BufferBudget* budget_;
  ReassemblyLimits limits_;
  std::int64_t next_ = 1;                    // the next byte to deliver
  std::map<std::int64_t, Pending> pending_;  // waiting beyond a gap, non-overlapping
  std::size_t pending_bytes_ = 0;
  std::vector<std::uint8_t> retained_;  // delivered bytes [retained_base_, next_) from retained_head_
  std::size_t retained_head_ = 0;
  std::int64_t retained_base_ = 1;
  std::uint64_t delivered_ = 0;
  std::uint64_t missed_ = 0;
  std::uint64_t overlap_bytes_ = 0;
  std::uint64_t conflicts_ = 0;
  std::uint64_t first_conflict_frame_ = 0;
  std::uint64_t limit_hits_ = 0;
  std::uint64_t uncaptured_ = 0;
  std::optional<std::int64_t> restart_retained_at_;  // uncaptured bytes were delivered: kept bytes restart there
  // Bytes delivered earlier in this call that a restart dropped from
  // retained_ (known bytes after uncaptured ones in one call: a resend that
  // fills a hole before segments cut by the snapshot length). Kept until
  // the next add(), so that every chunk of this call stays readable.
  struct Stashed {
    std::int64_t base;
    std::vector<std::uint8_t> bytes;
  };
  std::vector<Stashed> stash_;
  std::int64_t call_start_ = 1;  // next_ when this call began
  void stash_this_call();
  void clear_stash();
};

}  // namespace tcplens
