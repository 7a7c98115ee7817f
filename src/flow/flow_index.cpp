#include "tcplens/flow/flow_index.hpp"

#include <cstring>

namespace tcplens {

namespace {

// Stafford's variant 13 of the MurmurHash3 finaliser.
std::uint64_t mix(std::uint64_t h) {
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ull;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebull;
  return h ^ (h >> 31);
}

std::uint64_t endpoint_hash(const IpAddress& address, std::uint16_t port) {
  std::uint64_t words[2];
  std::memcpy(words, address.octets.data(), sizeof words);
  std::uint64_t h = mix(words[0] ^ (std::uint64_t{port} << 48 | static_cast<std::uint64_t>(address.family)));
  if (address.family == IpFamily::v6) h = mix(h ^ words[1]);
  return h;
}

}  // namespace

std::uint64_t directed_flow_key(const IpAddress& from, std::uint16_t from_port, const IpAddress& to,
                                std::uint16_t to_port) {
  return mix(endpoint_hash(from, from_port) ^ mix(endpoint_hash(to, to_port) + 0x9e3779b97f4a7c15ull));
}

std::uint32_t flow_hash(const IpAddress& a, std::uint16_t a_port, const IpAddress& b, std::uint16_t b_port) {
  // Addition commutes: the direction does not matter.
  return static_cast<std::uint32_t>(mix(endpoint_hash(a, a_port) + endpoint_hash(b, b_port)));
}

void FlowIndex::put(Entry e) {
  std::size_t i = home(e.hash);
  while (entries_[i].slot != kNone) i = next(i);
  entries_[i] = e;
}

void FlowIndex::grow() {
  std::vector<Entry> old(entries_.size() * 2);
  old.swap(entries_);
  for (const Entry& e : old) {
    if (e.slot != kNone) put(e);
  }
}

void FlowIndex::erase(std::uint32_t hash, std::uint32_t slot) {
  std::size_t i = home(hash);
  while (entries_[i].slot != slot) {
    if (entries_[i].slot == kNone) return;
    i = next(i);
  }
  // Backward shift: move up each later entry of the run that may sit in
  // the hole (its home is not cyclically within (hole, its position]).
  for (std::size_t j = next(i);; j = next(j)) {
    const Entry& e = entries_[j];
    if (e.slot == kNone) break;
    const std::size_t h = home(e.hash);
    const bool stays = i <= j ? (i < h && h <= j) : (i < h || h <= j);
    if (stays) continue;
    entries_[i] = e;
    i = j;
  }
  entries_[i] = Entry{};
  --size_;
}

}  // namespace tcplens
