#include "tcplens/flow/ip_fragments.hpp"

#include <algorithm>
#include <cstring>

namespace tcplens {

namespace {
constexpr std::uint64_t kMaxIpLength = 65535;  // IPv4 total length, IPv6 payload length (no jumbograms)
constexpr std::size_t kIpv4MinHeader = 20;
constexpr std::size_t kIpv6Header = 40;
constexpr std::uint16_t kIpv4KeepFlags = 0xc000;  // reserved and DF; MF and the offset go

// Where the next-header byte that named the Fragment header sits: the IPv6
// header's own, or that of the last extension header before it. nullopt
// when the extension headers do not end exactly at the header's end.
std::optional<std::size_t> ip6_next_header_field(Bytes header) {
  if (header.size() < kIpv6Header) return std::nullopt;
  std::size_t field = 6;
  std::size_t offset = kIpv6Header;
  // Hop-by-hop, routing and destination options all count 8-byte units.
  while (offset < header.size()) {
    if (offset + 2 > header.size()) return std::nullopt;
    field = offset;
    offset += (std::size_t{header[offset + 1]} + 1u) * 8u;
  }
  if (offset != header.size()) return std::nullopt;
  return field;
}

// The rebuilt datagram can be made from this header.
bool header_is_usable(IpFamily family, Bytes header) {
  if (family == IpFamily::v6) return ip6_next_header_field(header).has_value();
  return header.size() >= kIpv4MinHeader && std::size_t{header[0] & 0x0fu} * 4u == header.size();
}

// Bytes of the header that count against the IP length limit. Until the
// first fragment is seen the smallest header is assumed.
std::uint64_t limited_header_bytes(IpFamily family, Bytes header) {
  if (family == IpFamily::v6) return header.empty() ? 0 : header.size() - kIpv6Header;
  return header.empty() ? kIpv4MinHeader : header.size();
}

void store_be16(std::uint8_t* p, std::uint64_t value) {
  p[0] = static_cast<std::uint8_t>(value >> 8);
  p[1] = static_cast<std::uint8_t>(value);
}

std::uint16_t ipv4_header_checksum(Bytes header) {
  std::uint32_t sum = 0;
  for (std::size_t i = 0; i + 1 < header.size(); i += 2) sum += load_be16(header.data() + i);
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  return static_cast<std::uint16_t>(~sum);
}

void finish_ipv4_header(std::uint8_t* header, std::size_t header_length, std::uint32_t payload) {
  store_be16(header + 2, header_length + payload);
  store_be16(header + 6, load_be16(header + 6) & kIpv4KeepFlags);
  store_be16(header + 10, 0);
  store_be16(header + 10, ipv4_header_checksum(Bytes(header, header_length)));
}

void finish_ipv6_header(std::uint8_t* header, std::size_t header_length, std::uint32_t payload, std::uint8_t protocol) {
  header[*ip6_next_header_field(Bytes(header, header_length))] = protocol;
  store_be16(header + 4, header_length - kIpv6Header + payload);
}

}  // namespace

IpFragmentTable::IpFragmentTable(FragmentLimits limits) : limits_(limits) {}

FragmentResult IpFragmentTable::add(const FragmentPiece& piece) {
  datagram_.clear();
  // An empty fragment with more to come holds nothing; it is not worth a slot.
  if (piece.payload_wire_length == 0 && piece.more_fragments) return FragmentResult::duplicate;

  const Slot d = find_or_start(piece);
  if (d->abandoned) return *d->abandoned;
  if (piece.payload.size() < piece.payload_wire_length) return abandon(d, FragmentResult::dropped_truncated);
  if (!lengths_fit(*d, piece)) return abandon(d, FragmentResult::dropped_bad_length);

  bool changed = false;
  if (piece.offset_bytes == 0 && !d->has_header) {
    d->header.assign(piece.first_header.begin(), piece.first_header.end());
    d->has_header = changed = true;
  }
  if (!piece.more_fragments && !d->total) {
    d->total = piece.offset_bytes + piece.payload_wire_length;
    changed = true;
  }
  const Insertion insertion = insert(*d, piece.offset_bytes, piece.payload.first(piece.payload_wire_length));
  if (insertion.conflict) {
    d->conflict = true;
    ++stats_.overlaps;
  }
  if (changed || insertion.added || insertion.conflict) {
    if (d->pieces++ == 0) d->first_frame = piece.frame;
  }
  if (is_whole(*d)) return finish(d);

  recharge(*d);
  if (!enforce_byte_limit(d)) return FragmentResult::dropped_limit;
  if (!changed && !insertion.added && !insertion.conflict) return FragmentResult::duplicate;
  return FragmentResult::pending;
}

void IpFragmentTable::expire(double now) {
  while (!datagrams_.empty() && timed_out(datagrams_.front(), now)) {
    if (!datagrams_.front().abandoned) ++stats_.timed_out;
    drop(datagrams_.begin());
  }
}

IpFragmentTable::Slot IpFragmentTable::find_or_start(const FragmentPiece& piece) {
  if (const auto found = index_.find(piece.key); found != index_.end()) {
    const Slot d = found->second;
    if (!timed_out(*d, piece.ts)) return d;
    // Its time ran out before expire() was called: this fragment starts anew.
    if (!d->abandoned) ++stats_.timed_out;
    drop(d);
  }
  const std::size_t cap = std::max<std::size_t>(limits_.max_datagrams, 1);
  while (index_.size() >= cap) evict_oldest_except(datagrams_.end());
  return start(piece.key, piece.ts);
}

IpFragmentTable::Slot IpFragmentTable::start(const FragmentKey& key, double ts) {
  Datagram fresh;
  fresh.key = key;
  fresh.first_ts = ts;
  const Slot d = datagrams_.insert(datagrams_.end(), std::move(fresh));
  index_.emplace(key, d);
  ++stats_.pending_datagrams;
  return d;
}

// Frees what the datagram held but remembers why, so that its remaining
// fragments are not buffered again only to time out.
FragmentResult IpFragmentTable::abandon(Slot d, FragmentResult why) {
  if (why == FragmentResult::dropped_truncated) ++stats_.dropped_truncated;
  if (why == FragmentResult::dropped_bad_length) ++stats_.dropped_bad_length;
  std::vector<std::uint8_t>().swap(d->data);
  std::vector<std::uint8_t>().swap(d->header);
  std::vector<Range>().swap(d->held);
  d->abandoned = why;
  --stats_.pending_datagrams;
  recharge(*d);
  return why;
}

FragmentResult IpFragmentTable::finish(Slot d) {
  const Datagram& g = *d;
  const std::uint32_t payload = *g.total;
  datagram_.reserve(g.header.size() + payload);
  datagram_.assign(g.header.begin(), g.header.end());
  datagram_.insert(datagram_.end(), g.data.begin(), g.data.begin() + payload);
  if (g.key.src.family == IpFamily::v4) {
    finish_ipv4_header(datagram_.data(), g.header.size(), payload);
  } else {
    finish_ipv6_header(datagram_.data(), g.header.size(), payload, g.key.protocol);
  }
  ++stats_.reassembled;
  completed_ = CompletedDatagram{g.pieces, g.first_frame, g.conflict};
  const bool conflict = g.conflict;
  drop(d);
  return conflict ? FragmentResult::overlap_conflict_complete : FragmentResult::complete;
}

void IpFragmentTable::drop(Slot d) {
  if (!d->abandoned) --stats_.pending_datagrams;
  stats_.pending_bytes -= d->charged;
  index_.erase(d->key);
  datagrams_.erase(d);
}

// Evicts the oldest datagram other than `keep`; false when there is none.
bool IpFragmentTable::evict_oldest_except(Slot keep) {
  Slot victim = datagrams_.begin();
  if (victim == keep) ++victim;
  if (victim == datagrams_.end()) return false;
  if (!victim->abandoned) ++stats_.dropped_limit;
  drop(victim);
  return true;
}

// Makes room under max_bytes, older datagrams first; false when `current`
// alone is over and was dropped too.
bool IpFragmentTable::enforce_byte_limit(Slot current) {
  while (stats_.pending_bytes > limits_.max_bytes) {
    if (evict_oldest_except(current)) continue;
    ++stats_.dropped_limit;
    drop(current);
    return false;
  }
  return true;
}

// Charges what the datagram's buffers take, not the bytes received, so that
// sparse fragments cannot hold more memory than they are charged for.
void IpFragmentTable::recharge(Datagram& d) {
  const std::size_t now = d.data.capacity() + d.header.capacity() + d.held.capacity() * sizeof(Range);
  stats_.pending_bytes = stats_.pending_bytes - d.charged + now;
  d.charged = now;
}

bool IpFragmentTable::timed_out(const Datagram& d, double now) const {
  return now - d.first_ts > limits_.timeout_seconds;
}

// The fragment keeps the datagram within IP's 65,535 bytes and agrees with
// the last fragment's end (RFC 8200 section 4.5; Linux drops such a queue).
bool IpFragmentTable::lengths_fit(const Datagram& d, const FragmentPiece& piece) {
  const IpFamily family = piece.key.src.family;
  const std::uint64_t end = std::uint64_t{piece.offset_bytes} + piece.payload_wire_length;
  if (d.total && (end > *d.total || (!piece.more_fragments && end != *d.total))) return false;
  if (!piece.more_fragments && end < d.data.size()) return false;
  if (piece.offset_bytes == 0 && !header_is_usable(family, piece.first_header)) return false;
  const Bytes header = piece.offset_bytes == 0 ? piece.first_header : Bytes(d.header);
  const std::uint64_t highest = std::max<std::uint64_t>(end, d.data.size());
  return highest + limited_header_bytes(family, header) <= kMaxIpLength;
}

// Copies the bytes not held yet and compares the ones that are; the first
// bytes received are kept.
IpFragmentTable::Insertion IpFragmentTable::insert(Datagram& d, std::uint32_t begin, Bytes bytes) {
  Insertion result;
  if (bytes.empty()) return result;
  const auto end = static_cast<std::uint32_t>(begin + bytes.size());
  grow_buffer(d, end);
  const auto copy = [&](std::uint32_t from, std::uint32_t to) {
    std::memcpy(d.data.data() + from, bytes.data() + (from - begin), to - from);
    result.added = true;
  };

  // The held ranges that overlap or touch [begin, end) merge with it.
  auto first = std::lower_bound(d.held.begin(), d.held.end(), begin,
                                [](const Range& r, std::uint32_t at) { return r.end < at; });
  auto last = first;
  std::uint32_t cursor = begin;  // bytes before it are copied or compared
  for (; last != d.held.end() && last->begin <= end; ++last) {
    if (cursor < last->begin) copy(cursor, last->begin);
    const std::uint32_t lo = std::max(cursor, last->begin);
    const std::uint32_t hi = std::min(end, last->end);
    if (lo < hi && std::memcmp(d.data.data() + lo, bytes.data() + (lo - begin), hi - lo) != 0) result.conflict = true;
    cursor = std::max(cursor, hi);
  }
  if (cursor < end) copy(cursor, end);

  if (first == last) {
    d.held.insert(first, Range{begin, end});
    return result;
  }
  const Range merged{std::min(begin, first->begin), std::max(end, std::prev(last)->end)};
  *first = merged;
  d.held.erase(std::next(first), last);
  return result;
}

// Grows the payload buffer to `end`, geometrically (in-order fragments must
// not copy it over and over), or straight to the total once it is known.
void IpFragmentTable::grow_buffer(Datagram& d, std::uint32_t end) {
  if (end <= d.data.size()) return;
  if (end > d.data.capacity()) {
    const std::size_t doubled = std::min<std::size_t>(2 * d.data.capacity(), kMaxIpLength);
    d.data.reserve(d.total ? std::max<std::size_t>(*d.total, end) : std::max<std::size_t>(doubled, end));
  }
  d.data.resize(end);
}

bool IpFragmentTable::is_whole(const Datagram& d) {
  if (!d.total || !d.has_header) return false;
  if (*d.total == 0) return d.held.empty();
  return d.held.size() == 1 && d.held[0].begin == 0 && d.held[0].end == *d.total;
}

}  // namespace tcplens
