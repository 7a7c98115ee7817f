#include "tcplens/flow/carrier_catalogue.hpp"

namespace tcplens {

namespace {

CarrierChain carriers_of(const Encapsulation& encap) {
  CarrierChain chain;
  for (const EncapLayer& l : encap) {
    if (!encap_kind_is_carrier(l.kind)) continue;
    chain.push_back(EncapLayer{l.kind, l.detail, 0, 0, l.id});
  }
  return chain;
}

std::uint64_t hash_of(const CarrierChain& chain) {
  std::uint64_t h = 1469598103934665603ull;
  for (const EncapLayer& l : chain) {
    h = (h ^ static_cast<std::uint64_t>(l.kind)) * 1099511628211ull;
    h = (h ^ l.detail) * 1099511628211ull;
    h = (h ^ l.id) * 1099511628211ull;
  }
  return h;
}

bool same(const CarrierChain& a, const CarrierChain& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].kind != b[i].kind || a[i].detail != b[i].detail || a[i].id != b[i].id) return false;
  return true;
}

}  // namespace

const CarrierChain* CarrierCatalogue::intern(const Encapsulation& encap) {
  if (encap.empty()) return nullptr;
  CarrierChain chain = carriers_of(encap);
  if (chain.empty()) return nullptr;
  const std::uint64_t h = hash_of(chain);
  const auto [first, last] = by_hash_.equal_range(h);
  for (auto it = first; it != last; ++it)
    if (same(*it->second, chain)) return it->second;
  if (chains_.size() >= kMaxChains) return nullptr;
  chains_.push_back(std::make_unique<CarrierChain>(std::move(chain)));
  by_hash_.emplace(h, chains_.back().get());
  return chains_.back().get();
}

}  // namespace tcplens
