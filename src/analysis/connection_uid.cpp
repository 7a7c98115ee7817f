#include "tcplens/analysis/connection_uid.hpp"

#include <string_view>

namespace tcplens {

namespace {

// FNV-1a over the key's bytes, then splitmix64's finaliser: well mixed,
// stable across platforms (bytes are fed in a fixed order, not memcpy'd
// structs).
class KeyHash {
 public:
  explicit KeyHash(std::uint64_t seed) : h_(0xcbf29ce484222325ULL ^ seed) {}
  void add(std::uint64_t value, int bytes) {
    for (int i = 0; i < bytes; ++i) {
      h_ ^= (value >> (8 * i)) & 0xffu;
      h_ *= 0x100000001b3ULL;
    }
  }
  void add(const IpAddress& a) {
    add(static_cast<std::uint64_t>(a.family), 1);
    for (std::size_t i = 0; i < a.width(); ++i) add(a.octets[i], 1);
  }
  [[nodiscard]] std::uint64_t value() const {
    std::uint64_t z = h_ + 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }

 private:
  std::uint64_t h_;
};

std::uint64_t hash_key(const ConnectionKeyForUid& k, std::uint64_t seed) {
  KeyHash h(seed);
  h.add(k.orig_h);
  h.add(k.orig_p, 2);
  h.add(k.resp_h);
  h.add(k.resp_p, 2);
  h.add(k.ip_proto, 1);
  // The fields as stored (total_ns() overflows for times past year 2262,
  // which a damaged capture can carry).
  h.add(static_cast<std::uint64_t>(k.first_seen.sec), 8);
  h.add(static_cast<std::uint64_t>(k.first_seen.frac), 8);
  h.add(k.first_frame, 8);
  return h.value();
}

// Zeek's base62 (util::uitoa_n): digits 0-9a-zA-Z, least significant
// first, no padding.
void append_base62(std::string& out, std::uint64_t n) {
  static constexpr std::string_view kDigits = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  do {
    out.push_back(kDigits[n % 62]);
    n /= 62;
  } while (n != 0);
}

}  // namespace

std::string connection_uid(const ConnectionKeyForUid& key) {
  // 96 bits laid out as Zeek's (UID::Set(96)): a 32-bit part, then a 64-bit one.
  std::string uid = "C";
  append_base62(uid, hash_key(key, 1) >> 32);
  append_base62(uid, hash_key(key, 2));
  return uid;
}

}  // namespace tcplens
