// IP fragment reassembly: IPv4 (RFC 791) and the IPv6 Fragment header
// (RFC 8200), as Zeek and Wireshark do by default. Fragments are grouped by
// (src, dst, id, protocol); a datagram is handed back whole once its last
// fragment and every byte before it have been seen.
//
// Overlaps keep the bytes that arrived first (Linux, Zeek and Wireshark's
// default) and a datagram whose overlapping fragments disagreed is reported
// as such. Memory is bounded: every pending datagram is charged for the
// buffer it holds (sized to the highest end seen, so one far fragment costs
// its offset, not its 8 bytes), and past max_bytes or max_datagrams the
// oldest datagrams are evicted. A datagram whose fragment was cut by the
// snaplen or whose lengths do not fit IP is abandoned, and its remaining
// fragments are swallowed (reported again, not buffered) until it would have
// timed out.
#pragma once
#include <compare>
#include <cstdint>
#include <list>
#include <map>
#include <optional>
#include <vector>

#include "tcplens/core/bytes.hpp"
#include "tcplens/core/ip_address.hpp"

namespace tcplens {

// Which datagram a fragment belongs to. IPv4: the 16-bit identification and
// the protocol field; IPv6: the 32-bit identification and the next header
// that follows the Fragment header.
struct FragmentKey {
  IpAddress src;
  IpAddress dst;
  std::uint32_t id = 0;
  std::uint8_t protocol = 0;
  std::uint32_t context = 0;  // the tunnel context (VXLAN VNIs), as connections are keyed

  friend auto operator<=>(const FragmentKey&, const FragmentKey&) = default;
};

// One fragment, as the decoder found it.
struct FragmentPiece {
  FragmentKey key;
  std::uint32_t offset_bytes = 0;  // fragment offset field * 8
  bool more_fragments = false;
  Bytes payload;  // after the IP header (IPv6: after the Fragment header), as captured
  // Payload length per the IP header. A payload shorter than this was cut by
  // the snaplen: the datagram cannot be rebuilt and is abandoned.
  std::uint32_t payload_wire_length = 0;
  // Offset 0 only: the unfragmentable part, i.e. the IPv4 header (options
  // included) or the IPv6 header and the extension headers before the
  // Fragment header. The rebuilt datagram starts with it.
  Bytes first_header;
  double ts = 0;
  std::uint64_t frame = 0;  // the frame it came in
};

// The datagram add() just completed: how it was put together.
struct CompletedDatagram {
  std::uint32_t pieces = 0;       // fragments that added something (duplicates not counted)
  std::uint64_t first_frame = 0;  // the frame of the first of them to arrive
  bool conflict = false;          // overlapping fragments disagreed (the first bytes were kept)
};

enum class FragmentResult : std::uint8_t {
  pending,                    // held; the datagram still has holes
  complete,                   // datagram() holds the rebuilt datagram
  overlap_conflict_complete,  // complete, but overlapping fragments disagreed (first bytes kept)
  dropped_limit,              // this fragment's datagram was evicted to stay within the limits
  dropped_truncated,          // cut by the snaplen: its datagram is abandoned
  dropped_bad_length,         // lengths past the IP maximum or inconsistent with the last fragment
  duplicate,                  // adds nothing: every byte was already held, the same
};

struct FragmentLimits {
  std::size_t max_bytes = 4u << 20;  // buffered by all pending datagrams together
  double timeout_seconds = 30.0;     // from a datagram's first fragment (Linux: 30 s, Zeek: 5 min)
  std::size_t max_datagrams = 4096;  // pending at once
};

class IpFragmentTable {
 public:
  struct Stats {
    std::uint64_t reassembled = 0;
    std::uint64_t overlaps = 0;  // fragments whose bytes differed from the ones already held
    std::uint64_t timed_out = 0;
    std::uint64_t dropped_limit = 0;       // datagrams evicted
    std::uint64_t dropped_truncated = 0;   // datagrams abandoned
    std::uint64_t dropped_bad_length = 0;  // datagrams abandoned
    std::size_t pending_bytes = 0;         // buffer bytes charged, <= max_bytes after every add()
    std::size_t pending_datagrams = 0;     // not counting abandoned ones
  };

  explicit IpFragmentTable(FragmentLimits limits = {});

  // Adds one fragment. On complete (or overlap_conflict_complete) datagram()
  // holds the rebuilt datagram until the next add(): the first fragment's
  // header with the fragment fields cleared (IPv4: MF and offset cleared,
  // total length rewritten, checksum recomputed; IPv6: the Fragment header
  // removed, the next header before it and the payload length rewritten).
  // A datagram pending longer than the timeout is dropped first.
  FragmentResult add(const FragmentPiece& piece);
  [[nodiscard]] Bytes datagram() const { return datagram_; }
  [[nodiscard]] const CompletedDatagram& completed() const { return completed_; }

  // Drops datagrams whose first fragment is older than the timeout at `now`.
  // Datagrams age in the order they started, so with capture time going
  // backwards one may outlive its timeout until those before it have gone.
  void expire(double now);

  [[nodiscard]] const Stats& stats() const { return stats_; }

 private:
  struct Range {
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
  };
  struct Datagram {
    FragmentKey key;
    double first_ts = 0;
    std::vector<std::uint8_t> data;      // payload, sized to the highest end seen
    std::vector<Range> held;             // sorted, disjoint, not touching
    std::vector<std::uint8_t> header;    // the unfragmentable part, once offset 0 is seen
    std::optional<std::uint32_t> total;  // payload length, once the last fragment is seen
    bool has_header = false;
    bool conflict = false;
    std::uint32_t pieces = 0;
    std::uint64_t first_frame = 0;
    std::optional<FragmentResult> abandoned;  // why, for the fragments still to come
    std::size_t charged = 0;                  // bytes counted in stats_.pending_bytes
  };
  using Datagrams = std::list<Datagram>;  // oldest first
  using Slot = Datagrams::iterator;

  struct Insertion {
    bool added = false;     // some bytes were new
    bool conflict = false;  // some held bytes differed
  };

  Slot find_or_start(const FragmentPiece& piece);
  Slot start(const FragmentKey& key, double ts);
  FragmentResult abandon(Slot d, FragmentResult why);
  FragmentResult finish(Slot d);
  void drop(Slot d);
  bool evict_oldest_except(Slot keep);
  bool enforce_byte_limit(Slot current);
  void recharge(Datagram& d);
  [[nodiscard]] bool timed_out(const Datagram& d, double now) const;

  static bool lengths_fit(const Datagram& d, const FragmentPiece& piece);
  static Insertion insert(Datagram& d, std::uint32_t begin, Bytes bytes);
  static void grow_buffer(Datagram& d, std::uint32_t end);
  static bool is_whole(const Datagram& d);

  FragmentLimits limits_;
  Datagrams datagrams_;
  std::map<FragmentKey, Slot> index_;
  std::vector<std::uint8_t> datagram_;
  CompletedDatagram completed_;
  Stats stats_;
};

}  // namespace tcplens
