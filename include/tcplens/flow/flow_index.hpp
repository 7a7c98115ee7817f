// The flow table's index: from a connection's two endpoints to its slot.
// Open addressing with linear probing in one flat array of 8-byte entries
// (a 32-bit hash and a slot), deleted with backward shift so no tombstones
// build up. The hash is symmetric, so both directions of a connection find
// the same entry without putting the endpoints in a canonical order first;
// the caller confirms a candidate against the connection itself (full-key
// compare), the stored hash only skips the others cheaply.
#pragma once
#include <cstdint>
#include <vector>

#include "tcplens/core/ip_address.hpp"

namespace tcplens {

// The same value for (a, b) and (b, a).
// A 64-bit key of one direction of a 4-tuple (from -> to differs from to -> from).
std::uint64_t directed_flow_key(const IpAddress& from, std::uint16_t from_port, const IpAddress& to,
                                std::uint16_t to_port);
std::uint32_t flow_hash(const IpAddress& a, std::uint16_t a_port, const IpAddress& b, std::uint16_t b_port);

class FlowIndex {
 public:
  static constexpr std::uint32_t kNone = UINT32_MAX;

  FlowIndex() : entries_(kInitialCapacity) {}

  // The slot stored under `hash` for which is_it(slot) holds, or kNone.
  template <typename IsIt>
  [[nodiscard]] std::uint32_t find(std::uint32_t hash, IsIt&& is_it) const {
    for (std::size_t i = home(hash);; i = next(i)) {
      const Entry& e = entries_[i];
      if (e.slot == kNone) return kNone;
      if (e.hash == hash && is_it(e.slot)) return e.slot;
    }
  }
  // Points the entry that is_it accepts at `slot`, or adds one.
  template <typename IsIt>
  void assign(std::uint32_t hash, std::uint32_t slot, IsIt&& is_it) {
    for (std::size_t i = home(hash);; i = next(i)) {
      Entry& e = entries_[i];
      if (e.slot == kNone) break;
      if (e.hash == hash && is_it(e.slot)) {
        e.slot = slot;
        return;
      }
    }
    if ((size_ + 1) * 2 > entries_.size()) grow();
    put({hash, slot});
    ++size_;
  }
  // Removes the entry of `slot` (none if the tuple's entry has moved on to
  // a newer connection).
  void erase(std::uint32_t hash, std::uint32_t slot);

  [[nodiscard]] std::size_t size() const { return size_; }

 private:
  static constexpr std::size_t kInitialCapacity = 1024;  // a power of two
  struct Entry {
    std::uint32_t hash = 0;
    std::uint32_t slot = kNone;
  };

  [[nodiscard]] std::size_t home(std::uint32_t hash) const { return hash & (entries_.size() - 1); }
  [[nodiscard]] std::size_t next(std::size_t i) const { return (i + 1) & (entries_.size() - 1); }
  void put(Entry e);
  void grow();

  std::vector<Entry> entries_;
  std::size_t size_ = 0;
};

}  // namespace tcplens
