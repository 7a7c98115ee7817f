// IP fragment reassembly: datagrams cut by hand into IPv4 and IPv6
// fragments, fed in every order, with overlaps, duplicates, snaplen cuts and
// bad lengths; the rebuilt datagrams checked byte for byte, and the limits
// (bytes, datagrams, time) held under hostile floods of tiny fragments.
#include "tcplens/flow/ip_fragments.hpp"

#include <algorithm>
#include <array>
#include <catch2/catch.hpp>
#include <chrono>
#include <vector>

using namespace tcplens;

namespace {

using ByteVector = std::vector<std::uint8_t>;

constexpr std::uint8_t kUdp = 17;

IpAddress v4(std::uint8_t a, std::uint8_t b, std::uint8_t c, std::uint8_t d) {
  const std::uint8_t o[4] = {a, b, c, d};
  return IpAddress::v4(Bytes(o, 4));
}

IpAddress v6(std::uint8_t last) {
  std::array<std::uint8_t, 16> o{0x20, 0x01, 0x0d, 0xb8};
  o[15] = last;
  return IpAddress::v6(Bytes(o));
}

FragmentKey v4_key(std::uint32_t id, std::uint8_t src_last = 1) {
  return {v4(10, 0, 0, src_last), v4(10, 0, 0, 2), id, kUdp};
}

FragmentKey v6_key(std::uint32_t id) { return {v6(1), v6(2), id, kUdp}; }

ByteVector pattern(std::size_t n, std::uint8_t seed) {
  ByteVector v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<std::uint8_t>(i * 7 + seed);
  return v;
}

void put16(ByteVector& v, std::size_t at, std::size_t value) {
  v[at] = static_cast<std::uint8_t>(value >> 8);
  v[at + 1] = static_cast<std::uint8_t>(value);
}

void append_address(ByteVector& v, const IpAddress& a) {
  v.insert(v.end(), a.octets.begin(), a.octets.begin() + static_cast<std::ptrdiff_t>(a.width()));
}

// A 20-byte IPv4 header (checksum left 0), or longer with zeroed options.
ByteVector ipv4_header(const FragmentKey& key, std::uint16_t flags_offset, std::size_t total,
                       std::size_t header_length = 20) {
  ByteVector h = {static_cast<std::uint8_t>(0x40 | header_length / 4), 0, 0, 0, 0, 0, 0, 0, 64, key.protocol, 0, 0};
  put16(h, 2, total);
  put16(h, 4, key.id);
  put16(h, 6, flags_offset);
  append_address(h, key.src);
  append_address(h, key.dst);
  h.resize(header_length, 0);
  return h;
}

// The one's complement sum of a correct IPv4 header is 0xffff.
bool ipv4_checksum_ok(Bytes header) {
  std::uint32_t sum = 0;
  for (std::size_t i = 0; i + 1 < header.size(); i += 2) sum += (header[i] << 8) | header[i + 1];
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  return sum == 0xffff;
}

// An IPv6 header, optionally followed by an 8-byte destination options
// header (PadN only); `next` is what the last of them names.
ByteVector ipv6_header(const FragmentKey& key, std::size_t payload_length, std::uint8_t next,
                       bool destination_options) {
  ByteVector h = {0x60, 0, 0, 0, 0, 0, destination_options ? std::uint8_t{60} : next, 64};
  put16(h, 4, payload_length);
  append_address(h, key.src);
  append_address(h, key.dst);
  if (destination_options) h.insert(h.end(), {next, 0, 1, 4, 0, 0, 0, 0});
  return h;
}

// A datagram to cut into fragments: its payload and the header its first
// fragment carries; pieces point into them, as a decoder's would.
struct Original {
  FragmentKey key;
  ByteVector payload;
  ByteVector first_header;

  // The fragment [offset, offset + length), captured whole.
  [[nodiscard]] FragmentPiece piece(std::uint32_t offset, std::uint32_t length, double ts = 0) const {
    FragmentPiece p;
    p.key = key;
    p.offset_bytes = offset;
    p.more_fragments = offset + length < payload.size();
    p.payload = Bytes(payload).subspan(offset, length);
    p.payload_wire_length = length;
    if (offset == 0) p.first_header = first_header;
    p.ts = ts;
    return p;
  }
};

Original ipv4_original(const FragmentKey& key, std::size_t size, std::uint32_t first_length, std::uint8_t seed = 1) {
  return {key, pattern(size, seed), ipv4_header(key, 0x2000, 20 + first_length)};
}

// What the rebuilt IPv4 datagram must be: MF and offset 0, the whole length.
ByteVector ipv4_expected(const Original& o) {
  ByteVector d = ipv4_header(o.key, 0, 20 + o.payload.size());
  d.insert(d.end(), o.payload.begin(), o.payload.end());
  return d;
}

// The rebuilt datagram with the checksum checked and then zeroed, to be
// compared with ipv4_expected.
ByteVector ipv4_rebuilt(const IpFragmentTable& table) {
  const Bytes d = table.datagram();
  REQUIRE(d.size() >= 20);
  CHECK(ipv4_checksum_ok(d.first(20)));
  ByteVector v(d.begin(), d.end());
  v[10] = v[11] = 0;
  return v;
}

Original ipv6_original(const FragmentKey& key, std::size_t size, std::uint32_t first_length, bool destination_options) {
  const std::size_t ext = destination_options ? 8 : 0;
  return {key, pattern(size, 3), ipv6_header(key, ext + 8 + first_length, 44, destination_options)};
}

ByteVector ipv6_expected(const Original& o, bool destination_options) {
  const std::size_t ext = destination_options ? 8 : 0;
  ByteVector d = ipv6_header(o.key, ext + o.payload.size(), o.key.protocol, destination_options);
  d.insert(d.end(), o.payload.begin(), o.payload.end());
  return d;
}

ByteVector bytes_of(Bytes b) { return {b.begin(), b.end()}; }

// A fragment whose bytes are given (kept alive by the caller).
FragmentPiece piece_with(const FragmentKey& key, std::uint32_t offset, const ByteVector& bytes, bool more,
                         double ts = 0) {
  FragmentPiece p;
  p.key = key;
  p.offset_bytes = offset;
  p.more_fragments = more;
  p.payload = bytes;
  p.payload_wire_length = static_cast<std::uint32_t>(bytes.size());
  p.ts = ts;
  return p;
}

}  // namespace

TEST_CASE("ip fragments: in order, the rebuilt IPv4 header is exact (DF kept, MF and offset cleared)",
          "[ip_fragments]") {
  // The header of the classic checksum example: 192.168.0.1 > 192.168.0.199,
  // UDP, total length 0x73, DF, checksum 0xb861.
  const FragmentKey key{v4(192, 168, 0, 1), v4(192, 168, 0, 199), 0, 0x11};
  Original o{key, pattern(95, 9), ipv4_header(key, 0x6000, 20 + 48)};
  IpFragmentTable table;
  CHECK(table.add(o.piece(0, 48)) == FragmentResult::pending);
  CHECK(table.stats().pending_datagrams == 1);
  REQUIRE(table.add(o.piece(48, 47)) == FragmentResult::complete);

  const ByteVector header = {0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11,
                             0xb8, 0x61, 0xc0, 0xa8, 0x00, 0x01, 0xc0, 0xa8, 0x00, 0xc7};
  ByteVector expected(header.size() + o.payload.size());
  const auto after_header = std::copy(header.begin(), header.end(), expected.begin());
  std::copy(o.payload.begin(), o.payload.end(), after_header);
  CHECK(bytes_of(table.datagram()) == expected);
  CHECK(table.stats().reassembled == 1);
  CHECK(table.stats().pending_datagrams == 0);
  CHECK(table.stats().pending_bytes == 0);
}

TEST_CASE("ip fragments: out of order, the datagram completes on its last hole", "[ip_fragments]") {
  const Original o = ipv4_original(v4_key(7), 1200, 400);
  IpFragmentTable table;
  CHECK(table.add(o.piece(400, 400)) == FragmentResult::pending);
  CHECK(table.add(o.piece(800, 400)) == FragmentResult::pending);
  REQUIRE(table.add(o.piece(0, 400)) == FragmentResult::complete);
  CHECK(ipv4_rebuilt(table) == ipv4_expected(o));
}

TEST_CASE("ip fragments: reverse order", "[ip_fragments]") {
  const Original o = ipv4_original(v4_key(8), 8 * 64 - 5, 64);
  IpFragmentTable table;
  for (std::uint32_t i = 7; i > 0; --i) {
    const std::uint32_t offset = i * 64;
    CHECK(table.add(o.piece(offset, std::min<std::uint32_t>(64, o.payload.size() - offset))) ==
          FragmentResult::pending);
  }
  REQUIRE(table.add(o.piece(0, 64)) == FragmentResult::complete);
  CHECK(ipv4_rebuilt(table) == ipv4_expected(o));
}

TEST_CASE("ip fragments: IPv6, the Fragment header goes and the next header is fixed", "[ip_fragments]") {
  const bool destination_options = GENERATE(false, true);
  INFO("destination options before the Fragment header: " << destination_options);
  const Original o = ipv6_original(v6_key(0x89abcdef), 3000, 1448, destination_options);
  IpFragmentTable table;
  CHECK(table.add(o.piece(1448, 1448)) == FragmentResult::pending);
  CHECK(table.add(o.piece(0, 1448)) == FragmentResult::pending);
  REQUIRE(table.add(o.piece(2896, 104)) == FragmentResult::complete);
  // Payload length: extension headers kept + the whole payload; the byte
  // that named the Fragment header (44) now names UDP.
  CHECK(bytes_of(table.datagram()) == ipv6_expected(o, destination_options));
}

TEST_CASE("ip fragments: an overlap with the same bytes is no conflict", "[ip_fragments]") {
  const Original o = ipv4_original(v4_key(9), 48, 24);
  IpFragmentTable table;
  CHECK(table.add(o.piece(0, 24)) == FragmentResult::pending);
  CHECK(table.add(o.piece(16, 24)) == FragmentResult::pending);
  REQUIRE(table.add(o.piece(40, 8)) == FragmentResult::complete);
  CHECK(ipv4_rebuilt(table) == ipv4_expected(o));
  CHECK(table.stats().overlaps == 0);
}

TEST_CASE("ip fragments: an overlap with other bytes keeps the first ones and is reported", "[ip_fragments]") {
  const Original o = ipv4_original(v4_key(10), 32, 16);
  IpFragmentTable table;
  CHECK(table.add(o.piece(8, 16)) == FragmentResult::pending);  // bytes 8..24 first

  // The first fragment arrives next with bytes 8..16 rewritten.
  ByteVector rewritten(o.payload.begin(), o.payload.begin() + 16);
  std::fill(rewritten.begin() + 8, rewritten.end(), 0xee);
  FragmentPiece first = piece_with(o.key, 0, rewritten, true);
  first.first_header = o.first_header;
  CHECK(table.add(first) == FragmentResult::pending);
  CHECK(table.stats().overlaps == 1);

  // A fragment inside held bytes, different: a conflict, not a duplicate.
  const ByteVector inside(8, 0xdd);
  CHECK(table.add(piece_with(o.key, 16, inside, true)) == FragmentResult::pending);
  CHECK(table.stats().overlaps == 2);

  REQUIRE(table.add(o.piece(24, 8)) == FragmentResult::overlap_conflict_complete);
  CHECK(ipv4_rebuilt(table) == ipv4_expected(o));  // the original bytes: they came first
  CHECK(table.stats().reassembled == 1);
}

TEST_CASE("ip fragments: a duplicate last fragment changes nothing", "[ip_fragments]") {
  const Original o = ipv4_original(v4_key(11), 40, 16);
  IpFragmentTable table;
  CHECK(table.add(o.piece(0, 16)) == FragmentResult::pending);
  CHECK(table.add(o.piece(32, 8)) == FragmentResult::pending);
  const std::size_t bytes = table.stats().pending_bytes;
  CHECK(table.add(o.piece(32, 8)) == FragmentResult::duplicate);
  CHECK(table.add(o.piece(0, 16)) == FragmentResult::duplicate);
  CHECK(table.stats().pending_bytes == bytes);
  REQUIRE(table.add(o.piece(16, 16)) == FragmentResult::complete);
  CHECK(ipv4_rebuilt(table) == ipv4_expected(o));
  CHECK(table.stats().overlaps == 0);

  // Once rebuilt the datagram is forgotten (as Linux does): a late copy
  // starts a new one, which only times out.
  CHECK(table.add(o.piece(32, 8)) == FragmentResult::pending);
  table.expire(31);
  CHECK(table.stats().timed_out == 1);
}

TEST_CASE("ip fragments: a fragment cut by the snaplen abandons its datagram, once", "[ip_fragments]") {
  const Original o = ipv4_original(v4_key(12), 120, 40);
  IpFragmentTable table;
  CHECK(table.add(o.piece(0, 40)) == FragmentResult::pending);
  FragmentPiece cut = o.piece(40, 40);
  cut.payload = cut.payload.first(10);  // 10 of its 40 bytes captured
  CHECK(table.add(cut) == FragmentResult::dropped_truncated);
  CHECK(table.stats().pending_datagrams == 0);
  CHECK(table.stats().pending_bytes == 0);

  // The rest is swallowed, not buffered; it is not a timeout later either.
  CHECK(table.add(o.piece(80, 40)) == FragmentResult::dropped_truncated);
  CHECK(table.stats().dropped_truncated == 1);
  CHECK(table.stats().pending_bytes == 0);
  table.expire(31);
  CHECK(table.stats().timed_out == 0);

  // After its time the same key is a new datagram.
  CHECK(table.add(o.piece(0, 40, 32)) == FragmentResult::pending);
}

TEST_CASE("ip fragments: past max_bytes the oldest datagrams are evicted", "[ip_fragments]") {
  IpFragmentTable table({.max_bytes = 4000});
  const Original a = ipv4_original(v4_key(1), 3000, 1480, 1);
  const Original b = ipv4_original(v4_key(2), 3000, 1480, 2);
  const Original c = ipv4_original(v4_key(3), 3000, 1480, 3);
  CHECK(table.add(a.piece(0, 1480)) == FragmentResult::pending);
  CHECK(table.add(b.piece(0, 1480)) == FragmentResult::pending);
  CHECK(table.stats().dropped_limit == 0);
  CHECK(table.add(c.piece(0, 1480)) == FragmentResult::pending);  // a goes
  CHECK(table.stats().dropped_limit == 1);
  CHECK(table.stats().pending_datagrams == 2);
  CHECK(table.stats().pending_bytes <= 4000);

  REQUIRE(table.add(b.piece(1480, 1520)) == FragmentResult::complete);
  CHECK(ipv4_rebuilt(table) == ipv4_expected(b));
  REQUIRE(table.add(c.piece(1480, 1520)) == FragmentResult::complete);
  CHECK(ipv4_rebuilt(table) == ipv4_expected(c));
  CHECK(table.add(a.piece(1480, 1520)) == FragmentResult::pending);  // its start is gone

  // A datagram too big for the limit on its own goes too.
  IpFragmentTable small({.max_bytes = 1000});
  CHECK(small.add(a.piece(0, 1480)) == FragmentResult::dropped_limit);
  CHECK(small.stats().dropped_limit == 1);
  CHECK(small.stats().pending_bytes == 0);
  CHECK(small.stats().pending_datagrams == 0);
}

TEST_CASE("ip fragments: a far fragment is charged for the buffer it needs", "[ip_fragments]") {
  IpFragmentTable table;
  const ByteVector eight(8, 1);
  CHECK(table.add(piece_with(v4_key(1), 65000, eight, true)) == FragmentResult::pending);
  CHECK(table.stats().pending_bytes >= 65008);
}

TEST_CASE("ip fragments: past max_datagrams the oldest datagram is evicted", "[ip_fragments]") {
  IpFragmentTable table({.max_datagrams = 2});
  const Original a = ipv4_original(v4_key(1), 64, 32, 1);
  const Original b = ipv4_original(v4_key(2), 64, 32, 2);
  const Original c = ipv4_original(v4_key(3), 64, 32, 3);
  CHECK(table.add(a.piece(0, 32)) == FragmentResult::pending);
  CHECK(table.add(b.piece(0, 32)) == FragmentResult::pending);
  CHECK(table.add(c.piece(0, 32)) == FragmentResult::pending);
  CHECK(table.stats().dropped_limit == 1);
  CHECK(table.stats().pending_datagrams == 2);
  REQUIRE(table.add(b.piece(32, 32)) == FragmentResult::complete);
  CHECK(ipv4_rebuilt(table) == ipv4_expected(b));
  CHECK(table.add(a.piece(32, 32)) == FragmentResult::pending);  // a was the one evicted
}

TEST_CASE("ip fragments: datagrams time out from their first fragment", "[ip_fragments]") {
  IpFragmentTable table({.timeout_seconds = 30});
  const Original a = ipv4_original(v4_key(1), 64, 32, 1);
  const Original b = ipv4_original(v4_key(2), 64, 32, 2);
  CHECK(table.add(a.piece(0, 32, 0)) == FragmentResult::pending);
  CHECK(table.add(b.piece(0, 32, 10)) == FragmentResult::pending);
  table.expire(30);  // not older than 30 s yet
  CHECK(table.stats().timed_out == 0);
  table.expire(31);
  CHECK(table.stats().timed_out == 1);
  CHECK(table.stats().pending_datagrams == 1);
  CHECK(table.add(a.piece(32, 32, 31)) == FragmentResult::pending);

  // Without a call to expire(), a fragment past its datagram's time starts anew.
  CHECK(table.add(b.piece(32, 32, 45)) == FragmentResult::pending);
  CHECK(table.stats().timed_out == 2);
  REQUIRE(table.add(b.piece(0, 32, 46)) == FragmentResult::complete);
  CHECK(ipv4_rebuilt(table) == ipv4_expected(b));
}

TEST_CASE("ip fragments: lengths past the IP maximum are bad_length", "[ip_fragments]") {
  IpFragmentTable table;
  const ByteVector sixteen(16, 5);
  // IPv4: 20 header bytes + 65,515 of payload is the most there can be.
  CHECK(table.add(piece_with(v4_key(1), 65499, sixteen, false)) == FragmentResult::pending);
  CHECK(table.add(piece_with(v4_key(2), 65500, sixteen, false)) == FragmentResult::dropped_bad_length);
  // IPv6: 65,535 bytes of payload after the fixed header.
  CHECK(table.add(piece_with(v6_key(1), 65519, sixteen, false)) == FragmentResult::pending);
  CHECK(table.add(piece_with(v6_key(2), 65520, sixteen, false)) == FragmentResult::dropped_bad_length);
  CHECK(table.stats().dropped_bad_length == 2);
  CHECK(table.stats().pending_datagrams == 2);
  // The abandoned datagram swallows the rest of its fragments.
  CHECK(table.add(piece_with(v4_key(2), 0, sixteen, true)) == FragmentResult::dropped_bad_length);
  CHECK(table.stats().dropped_bad_length == 2);

  // A first fragment with 40 bytes of options, arriving after a far one
  // that fitted a 20-byte header, makes the datagram too long.
  const ByteVector far(8, 6);
  CHECK(table.add(piece_with(v4_key(3), 65472, far, false)) == FragmentResult::pending);
  const ByteVector head(8, 7);
  FragmentPiece first = piece_with(v4_key(3), 0, head, true);
  const ByteVector long_header = ipv4_header(v4_key(3), 0x2000, 60 + 8, 60);
  first.first_header = long_header;
  CHECK(table.add(first) == FragmentResult::dropped_bad_length);
}

TEST_CASE("ip fragments: fragments that disagree with the last one's end are bad_length", "[ip_fragments]") {
  IpFragmentTable table;
  const ByteVector eight(8, 1);
  CHECK(table.add(piece_with(v4_key(1), 32, eight, false)) == FragmentResult::pending);  // ends at 40
  CHECK(table.add(piece_with(v4_key(1), 40, eight, true)) == FragmentResult::dropped_bad_length);

  CHECK(table.add(piece_with(v4_key(2), 32, eight, false)) == FragmentResult::pending);
  CHECK(table.add(piece_with(v4_key(2), 48, eight, false)) == FragmentResult::dropped_bad_length);

  // A last fragment that ends before bytes already held.
  CHECK(table.add(piece_with(v4_key(3), 64, eight, true)) == FragmentResult::pending);
  CHECK(table.add(piece_with(v4_key(3), 16, eight, false)) == FragmentResult::dropped_bad_length);
  CHECK(table.stats().dropped_bad_length == 3);
  CHECK(table.stats().pending_datagrams == 0);
  CHECK(table.stats().pending_bytes == 0);
}

TEST_CASE("ip fragments: the same id from another source is another datagram", "[ip_fragments]") {
  const Original a = ipv4_original(v4_key(77, 1), 64, 32, 1);
  const Original b = ipv4_original(v4_key(77, 3), 64, 32, 2);
  IpFragmentTable table;
  CHECK(table.add(a.piece(0, 32)) == FragmentResult::pending);
  CHECK(table.add(b.piece(32, 32)) == FragmentResult::pending);
  CHECK(table.stats().pending_datagrams == 2);
  REQUIRE(table.add(b.piece(0, 32)) == FragmentResult::complete);
  CHECK(ipv4_rebuilt(table) == ipv4_expected(b));
  REQUIRE(table.add(a.piece(32, 32)) == FragmentResult::complete);
  CHECK(ipv4_rebuilt(table) == ipv4_expected(a));
  CHECK(table.stats().overlaps == 0);
}

TEST_CASE("ip fragments: 20,000 tiny fragments stay within max_bytes and finish fast", "[ip_fragments]") {
  const FragmentLimits limits{.max_bytes = 256u << 10, .timeout_seconds = 30, .max_datagrams = 64};
  IpFragmentTable table(limits);
  const ByteVector eight(8, 0xaa);
  const auto started = std::chrono::steady_clock::now();
  std::size_t most = 0;
  for (std::uint32_t i = 0; i < 20'000; ++i) {
    // 200 ids, each with holes all over its 64 KB: nothing ever completes.
    const std::uint32_t offset = (i * 7919u * 16u) % 65'000u & ~7u;
    table.add(piece_with(v4_key(i % 200), offset, eight, true, i * 0.001));
    most = std::max(most, table.stats().pending_bytes);
  }
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
  CHECK(most <= limits.max_bytes);
  CHECK(table.stats().pending_datagrams <= limits.max_datagrams);
  CHECK(table.stats().dropped_limit > 0);
  CHECK(took.count() < 2.0);
}

TEST_CASE("ip fragments: a 64 KB datagram in 8-byte fragments, holes first, completes fast", "[ip_fragments]") {
  constexpr std::uint32_t kSize = 65512;  // + 20 header bytes: just under the maximum
  const Original o = ipv4_original(v4_key(5), kSize, 8);
  IpFragmentTable table;
  const auto started = std::chrono::steady_clock::now();
  // Every other fragment first (4,095 separate ranges), then the holes.
  std::vector<FragmentResult> results;
  for (std::uint32_t pass = 0; pass < 2; ++pass) {
    for (std::uint32_t offset = pass * 8; offset < kSize; offset += 16) {
      results.push_back(table.add(o.piece(offset, 8)));
    }
  }
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
  REQUIRE(results.back() == FragmentResult::complete);
  CHECK(std::count(results.begin(), results.end(), FragmentResult::pending) == kSize / 8 - 1);
  CHECK(table.stats().reassembled == 1);
  CHECK(ipv4_rebuilt(table) == ipv4_expected(o));
  CHECK(took.count() < 2.0);
}
