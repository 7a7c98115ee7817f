// The VLANs and tunnels connections travel in, each distinct chain kept
// once per flow table: a connection points at its chain (8 bytes) instead
// of holding a copy. Bounded: past kMaxChains distinct chains (a hostile
// capture with random VLAN ids or MPLS labels), new connections get none.
#pragma once
#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

#include "tcplens/decode/encapsulation.hpp"

namespace tcplens {

// The carrier layers of a frame (see encap_kind_is_carrier), without their
// offsets: what a flow record lists.
using CarrierChain = std::vector<EncapLayer>;

class CarrierCatalogue {
 public:
  static constexpr std::size_t kMaxChains = 65536;

  // Null when the frame has no carrier layer (or the catalogue is full).
  const CarrierChain* intern(const Encapsulation& encap);
  [[nodiscard]] std::size_t size() const { return chains_.size(); }

 private:
  std::vector<std::unique_ptr<CarrierChain>> chains_;
  std::unordered_multimap<std::uint64_t, const CarrierChain*> by_hash_;
};

}  // namespace tcplens
