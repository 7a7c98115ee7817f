#include "tcplens/tcp/stream_reassembler.hpp"

#include <algorithm>
#include <cstring>

namespace tcplens {

namespace {

Bytes sub(Bytes b, std::size_t from, std::size_t n) { return b.subspan(from, n); }

}  // namespace

// What it holds is charged to the budget: waiting segments and kept bytes.
StreamReassembler::~StreamReassembler() {
  clear_stash();
  budget_->give(pending_bytes_ + (retained_.size() - retained_head_));
}

void StreamReassembler::stash_this_call() {
  const std::int64_t from = std::max(call_start_, retained_base_);
  const std::int64_t held_end = retained_base_ + static_cast<std::int64_t>(retained_.size() - retained_head_);
  if (from >= held_end) return;
  const std::size_t at = retained_head_ + static_cast<std::size_t>(from - retained_base_);
  stash_.push_back(
      {from, std::vector<std::uint8_t>(retained_.begin() + static_cast<std::ptrdiff_t>(at), retained_.end())});
  budget_->force(stash_.back().bytes.size());
}

void StreamReassembler::clear_stash() {
  for (const Stashed& s : stash_) budget_->give(s.bytes.size());
  stash_.clear();
}

bool StreamReassembler::room_for(std::size_t n) const {
  return pending_bytes_ + n <= limits_.per_direction && budget_->used() + n <= budget_->cap();
}

void StreamReassembler::note_conflict(std::uint64_t frame) {
  ++conflicts_;
  if (!first_conflict_frame_) first_conflict_frame_ = frame;
}

void StreamReassembler::restart_retained() {
  trim_retained(0);
  retained_base_ = *restart_retained_at_;
  restart_retained_at_.reset();
}

void StreamReassembler::add(std::int64_t offset, Bytes data, std::uint64_t frame, std::vector<StreamChunk>& out) {
  out.clear();
  if (!stash_.empty()) clear_stash();
  if (restart_retained_at_) restart_retained();
  trim_retained(budget_->over() ? 0 : limits_.retained);
  call_start_ = next_;
  place(offset, data, frame, out);
}

void StreamReassembler::add_uncaptured(std::int64_t offset, std::uint64_t length, std::uint64_t frame,
                                       std::vector<StreamChunk>& out) {
  // Stands for bytes the capture cut off (snaplen): their place in the
  // stream is known, their content is not. Never compared, never "missed".
  static const std::vector<std::uint8_t> kZeros(64u << 10, 0);
  while (length > 0) {
    const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(length, kZeros.size()));
    place(offset, Bytes(kZeros.data(), n), frame, out, true);
    offset += static_cast<std::int64_t>(n);
    length -= n;
  }
}

void StreamReassembler::place(std::int64_t offset, Bytes data, std::uint64_t frame, std::vector<StreamChunk>& out,
                              bool unknown) {
  if (data.empty()) return;
  // The part already delivered: an overlap, compared where the bytes are kept.
  if (offset < next_) {
    const std::uint64_t old = std::min<std::uint64_t>(data.size(), static_cast<std::uint64_t>(next_ - offset));
    overlap_bytes_ += old;
    if (!unknown) compare_with_retained(offset, sub(data, 0, old), frame);
    data = data.subspan(old);
    offset = next_;
    if (data.empty()) return;
  }
  if (offset == next_) {
    // Trim what a waiting segment already holds (first seen wins), then deliver.
    auto it = pending_.begin();
    const std::size_t fresh =
        it == pending_.end() ? data.size() : std::min<std::size_t>(data.size(), it->first - offset);
    deliver(offset, sub(data, 0, fresh), frame, out, unknown);
    if (fresh < data.size()) {
      buffer(offset + static_cast<std::int64_t>(fresh), data.subspan(fresh), frame, out, unknown);
    }
    deliver_waiting(out);
  } else {
    buffer(offset, data, frame, out, unknown);
  }
}

// Delivered bytes still kept are compared; older ones cannot be.
void StreamReassembler::compare_with_retained(std::int64_t offset, Bytes data, std::uint64_t frame) {
  if (offset + static_cast<std::int64_t>(data.size()) <= retained_base_) return;
  const std::size_t skip = offset < retained_base_ ? static_cast<std::size_t>(retained_base_ - offset) : 0;
  const std::size_t at =
      retained_head_ + static_cast<std::size_t>(offset + static_cast<std::int64_t>(skip) - retained_base_);
  const std::size_t n = std::min(data.size() - skip, retained_.size() - at);
  if (std::memcmp(retained_.data() + at, data.data() + skip, n) != 0) note_conflict(frame);
}

// Stores the parts of a segment that no waiting segment holds yet.
void StreamReassembler::buffer(std::int64_t offset, Bytes data, std::uint64_t frame, std::vector<StreamChunk>& out,
                               bool unknown) {
  std::int64_t at = offset;
  const std::int64_t end = offset + static_cast<std::int64_t>(data.size());
  auto it = pending_.upper_bound(at);
  if (it != pending_.begin()) {
    auto prev = std::prev(it);
    const std::int64_t prev_end = prev->first + static_cast<std::int64_t>(prev->second.data.size());
    if (prev_end > at) it = prev;
  }
  while (at < end) {
    const std::int64_t next_start = it == pending_.end() ? end : std::min(end, it->first);
    if (next_start > at) {  // a hole in what waits: keep this piece
      const auto piece = sub(data, static_cast<std::size_t>(at - offset), static_cast<std::size_t>(next_start - at));
      if (!room_for(piece.size())) {
        // Over a limit: the gap before it is given up (its bytes count as
        // missed), what waited is delivered, and this segment placed again.
        ++limit_hits_;
        skip_to(pending_.empty() ? at : std::min(at, pending_.begin()->first), out);
        place(at, data.subspan(static_cast<std::size_t>(at - offset)), frame, out, unknown);
        return;
      }
      budget_->force(piece.size());
      pending_bytes_ += piece.size();
      pending_.emplace(at, Pending{std::vector<std::uint8_t>(piece.begin(), piece.end()), frame, unknown});
      at = next_start;
      it = pending_.upper_bound(at - 1);
      continue;
    }
    // Overlaps a waiting segment: compare, keep the first.
    const auto& held = it->second.data;
    const std::int64_t held_end = it->first + static_cast<std::int64_t>(held.size());
    const std::int64_t stop = std::min(end, held_end);
    const std::size_t n = static_cast<std::size_t>(stop - at);
    overlap_bytes_ += n;
    if (!unknown && !it->second.unknown &&
        std::memcmp(held.data() + (at - it->first), data.data() + (at - offset), n) != 0) {
      note_conflict(frame);
    }
    at = stop;
    ++it;
  }
}

void StreamReassembler::deliver(std::int64_t offset, Bytes data, std::uint64_t frame, std::vector<StreamChunk>& out,
                                bool unknown) {
  if (data.empty()) return;
  if (unknown) {
    // Kept bytes must be contiguous; they are dropped at the next call, so
    // that chunks of this call stay readable.
    restart_retained_at_ = offset + static_cast<std::int64_t>(data.size());
    uncaptured_ += data.size();
  } else {
    if (restart_retained_at_) {
      stash_this_call();
      restart_retained();
    }
    if (budget_->used() + data.size() > budget_->cap()) trim_retained(0);  // keep only this call's bytes
    if (retained_.capacity() == 0) retained_ = budget_->spare();
    retained_.insert(retained_.end(), data.begin(), data.end());
    budget_->force(data.size());
  }
  StreamChunk c{offset, data.size(), frame, false};
  c.uncaptured = unknown;
  out.push_back(c);
  next_ = offset + static_cast<std::int64_t>(data.size());
  delivered_ += data.size();
}

void StreamReassembler::deliver_waiting(std::vector<StreamChunk>& out) {
  while (!pending_.empty() && pending_.begin()->first <= next_) {
    auto node = pending_.extract(pending_.begin());
    const std::int64_t start = node.key();
    const Pending& p = node.mapped();
    pending_bytes_ -= p.data.size();
    budget_->give(p.data.size());
    const Bytes b(p.data);
    const std::size_t old =
        static_cast<std::size_t>(std::min<std::int64_t>(next_ - start, static_cast<std::int64_t>(b.size())));
    deliver(next_, b.subspan(old), p.frame, out, p.unknown);
  }
}

void StreamReassembler::skip_to(std::int64_t offset, std::vector<StreamChunk>& out) {
  while (next_ < offset) {
    const std::int64_t stop = pending_.empty() ? offset : std::min(offset, pending_.begin()->first);
    if (stop > next_) {
      missed_ += static_cast<std::uint64_t>(stop - next_);
      out.push_back({next_, static_cast<std::uint64_t>(stop - next_), 0, true});
      // Nothing kept before a gap can be compared any more.
      trim_retained(0);
      restart_retained_at_.reset();
      next_ = retained_base_ = stop;
    }
    deliver_waiting(out);
  }
  deliver_waiting(out);
}

void StreamReassembler::finish(std::vector<StreamChunk>& out) {
  out.clear();
  while (!pending_.empty()) skip_to(pending_.begin()->first, out);
}

void StreamReassembler::acked(std::int64_t offset) {
  if (restart_retained_at_) restart_retained();
  if (offset <= retained_base_) return;
  const std::int64_t upto = std::min(offset, next_);
  const auto drop = static_cast<std::size_t>(upto - retained_base_);
  retained_head_ += drop;
  retained_base_ = upto;
  budget_->give(drop);
  compact();
}

// Keeps at most `keep` delivered bytes (the newest).
void StreamReassembler::trim_retained(std::size_t keep) {
  const std::size_t held = retained_.size() - retained_head_;
  if (held > keep) {
    const std::size_t drop = held - keep;
    retained_head_ += drop;
    retained_base_ += static_cast<std::int64_t>(drop);
    budget_->give(drop);
  }
  compact();
}

void StreamReassembler::compact() {
  if (retained_head_ == retained_.size()) {
    retained_head_ = 0;
    // Everything was ACKed: an idle connection keeps no buffer.
    if (retained_.capacity() > 0) budget_->recycle(std::move(retained_));
  } else if (retained_head_ > (64u << 10) && retained_head_ * 2 > retained_.size()) {
    retained_.erase(retained_.begin(), retained_.begin() + static_cast<std::ptrdiff_t>(retained_head_));
    retained_head_ = 0;
  }
}

std::uint64_t StreamReassembler::waiting_gap_bytes() const {
  std::uint64_t n = 0;
  std::int64_t at = next_;
  for (const auto& [offset, p] : pending_) {
    if (offset > at) n += static_cast<std::uint64_t>(offset - at);
    at = std::max(at, offset + static_cast<std::int64_t>(p.data.size()));
  }
  return n;
}

Bytes StreamReassembler::bytes(const StreamChunk& c) const {
  if (c.gap || c.uncaptured) return {};
  for (const Stashed& s : stash_) {
    if (c.offset >= s.base &&
        c.offset + static_cast<std::int64_t>(c.length) <= s.base + static_cast<std::int64_t>(s.bytes.size())) {
      return Bytes(s.bytes.data() + (c.offset - s.base), static_cast<std::size_t>(c.length));
    }
  }
  if (c.offset < retained_base_) return {};
  if (restart_retained_at_ && c.offset >= *restart_retained_at_) return {};
  const std::size_t at = retained_head_ + static_cast<std::size_t>(c.offset - retained_base_);
  if (at + c.length > retained_.size()) return {};
  return Bytes(retained_.data() + at, static_cast<std::size_t>(c.length));
}

}  // namespace tcplens
