// The flow table's open-addressing index: entries found, reassigned and
// erased, including in long collision runs that wrap around the array and
// through growth; checked against std::unordered_map as a model.
#include "tcplens/flow/flow_index.hpp"

#include <catch2/catch.hpp>
#include <random>
#include <unordered_map>

using namespace tcplens;

namespace {

IpAddress v4(std::uint8_t a, std::uint8_t b, std::uint8_t c, std::uint8_t d) {
  const std::uint8_t o[4] = {a, b, c, d};
  return IpAddress::v4(Bytes(o, 4));
}

// Keys are small integers; `hash_of` decides how badly they collide.
struct Model {
  FlowIndex index;
  std::unordered_map<std::uint32_t, std::uint32_t> slot_of;  // key -> slot
  std::unordered_map<std::uint32_t, std::uint32_t> key_of;   // slot -> key
  std::uint32_t (*hash_of)(std::uint32_t key);

  std::uint32_t find(std::uint32_t key) const {
    return index.find(hash_of(key), [&](std::uint32_t s) { return key_of.at(s) == key; });
  }
  void assign(std::uint32_t key, std::uint32_t slot) {
    key_of[slot] = key;
    index.assign(hash_of(key), slot, [&](std::uint32_t s) { return key_of.at(s) == key; });
    slot_of[key] = slot;
  }
  void erase_slot(std::uint32_t slot) {
    const std::uint32_t key = key_of.at(slot);
    index.erase(hash_of(key), slot);
    if (slot_of.count(key) && slot_of[key] == slot) slot_of.erase(key);
  }
  void check_all(std::uint32_t keys) const {
    for (std::uint32_t k = 0; k < keys; ++k) {
      const auto it = slot_of.find(k);
      INFO("key " << k);
      REQUIRE(find(k) == (it == slot_of.end() ? FlowIndex::kNone : it->second));
    }
    REQUIRE(index.size() == slot_of.size());
  }
};

void run_model(std::uint32_t (*hash_of)(std::uint32_t), std::uint32_t keys, int steps) {
  Model m{FlowIndex{}, {}, {}, hash_of};
  std::mt19937 rng(7);
  std::uint32_t next_slot = 0;
  std::vector<std::uint32_t> live;  // slots
  for (int i = 0; i < steps; ++i) {
    if (live.empty() || rng() % 3 != 0) {
      const std::uint32_t slot = next_slot++;
      m.assign(rng() % keys, slot);
      live.push_back(slot);
    } else {
      const std::size_t at = rng() % live.size();
      m.erase_slot(live[at]);
      live.erase(live.begin() + static_cast<std::ptrdiff_t>(at));
    }
    if (i % 97 == 0) m.check_all(keys);
  }
  m.check_all(keys);
}

}  // namespace

TEST_CASE("flow index: the hash is the same both ways and differs with a port or an address", "[flow]") {
  const IpAddress a = v4(10, 0, 0, 1), b = v4(10, 0, 0, 2);
  CHECK(flow_hash(a, 40000, b, 80) == flow_hash(b, 80, a, 40000));
  CHECK(flow_hash(a, 40000, b, 80) != flow_hash(a, 40001, b, 80));
  CHECK(flow_hash(a, 40000, b, 80) != flow_hash(a, 40000, v4(10, 0, 0, 3), 80));
  // Swapping only the ports is another connection.
  CHECK(flow_hash(a, 80, b, 40000) != flow_hash(a, 40000, b, 80));
}

TEST_CASE("flow index: matches the model with spread hashes, through growth", "[flow]") {
  run_model([](std::uint32_t k) { return k * 2654435761u; }, 5000, 20000);
}

TEST_CASE("flow index: matches the model when every key collides", "[flow]") {
  // One home for all: a single run of entries, erased from its middle.
  run_model([](std::uint32_t) { return 1023u; }, 300, 3000);
}

TEST_CASE("flow index: matches the model with runs that wrap around the array end", "[flow]") {
  // Homes in the last few entries of the first table size: runs wrap to 0.
  run_model([](std::uint32_t k) { return 1020u + k % 4; }, 200, 3000);
}

TEST_CASE("flow index: a reassigned entry is not erased by the connection it left", "[flow]") {
  FlowIndex index;
  index.assign(5, 1, [](std::uint32_t) { return true; });
  index.assign(5, 2, [](std::uint32_t s) { return s == 1; });  // port reuse: the tuple now means slot 2
  CHECK(index.size() == 1);
  index.erase(5, 1);  // the old connection leaves
  CHECK(index.find(5, [](std::uint32_t) { return true; }) == 2);
  index.erase(5, 2);
  CHECK(index.find(5, [](std::uint32_t) { return true; }) == FlowIndex::kNone);
  CHECK(index.size() == 0);
}
