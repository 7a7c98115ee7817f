// capgen: a small library for writing synthetic captures (pcap or pcapng)
// frame by frame, with correct lengths and checksums unless told otherwise.
// Used by the generators that sit beside each synthetic capture and by the
// benchmark's capture generator.
#pragma once
#include <array>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

namespace capgen {

using Bytes = std::vector<std::uint8_t>;

enum class FileFormat { pcap_micro, pcap_nano, pcapng };

class CaptureWriter {
 public:
  CaptureWriter(const std::string& path, int linktype, FileFormat format = FileFormat::pcap_micro,
                std::uint32_t snaplen = 262144);
  CaptureWriter(const CaptureWriter&) = delete;
  CaptureWriter& operator=(const CaptureWriter&) = delete;
  ~CaptureWriter();

  // ts_ns: nanoseconds since the epoch. wire_length 0 means frame.size().
  // caplen, when smaller than frame.size(), cuts the stored bytes.
  void write(std::uint64_t ts_ns, const Bytes& frame, std::uint32_t wire_length = 0, std::uint32_t caplen = UINT32_MAX);

 private:
  void put(const void* data, std::size_t size);
  std::FILE* file_;
  FileFormat format_;
};

struct Ipv4Address {
  std::array<std::uint8_t, 4> b{};
};
struct Ipv6Address {
  std::array<std::uint8_t, 16> b{};
};
Ipv4Address ipv4(const char* text);
Ipv6Address ipv6(const char* text);

namespace flag {
inline constexpr std::uint8_t fin = 0x01, syn = 0x02, rst = 0x04, psh = 0x08, ack = 0x10, urg = 0x20, ece = 0x40,
                              cwr = 0x80;
}

struct TcpSpec {
  std::uint16_t sport = 0;
  std::uint16_t dport = 0;
  std::uint32_t seq = 0;
  std::uint32_t ack = 0;
  std::uint8_t flags = 0;
  std::uint16_t window = 65535;
  std::uint16_t urgent = 0;
  Bytes options;  // raw option bytes; padded to a multiple of 4 with NOPs unless exact_options
  bool exact_options = false;
  Bytes payload;
  int data_offset_words = -1;  // override the header length field
};

// Option byte helpers.
Bytes opt_mss(std::uint16_t mss);
Bytes opt_wscale(std::uint8_t shift);
Bytes opt_sack_permitted();
Bytes opt_timestamp(std::uint32_t val, std::uint32_t ecr);
Bytes opt_sack(const std::vector<std::pair<std::uint32_t, std::uint32_t>>& blocks);
Bytes opt_nop();
Bytes cat(std::initializer_list<Bytes> parts);
Bytes text(const std::string& s);

// The TCP segment with its checksum over the IPv4 or IPv6 pseudo-header.
Bytes tcp_over_ipv4(const TcpSpec& t, const Ipv4Address& src, const Ipv4Address& dst);
Bytes tcp_over_ipv6(const TcpSpec& t, const Ipv6Address& src, const Ipv6Address& dst);

struct Ipv4Spec {
  Ipv4Address src;
  Ipv4Address dst;
  std::uint8_t protocol = 6;
  std::uint16_t id = 1;
  std::uint8_t ttl = 64;
  bool dont_fragment = true;
  bool more_fragments = false;
  std::uint16_t fragment_offset = 0;  // in 8-byte units
  Bytes options;                      // raw IP options (padded to 4)
  int total_length = -1;              // override
};
Bytes ipv4_packet(const Ipv4Spec& ip, const Bytes& payload);

struct Ipv6Extension {
  std::uint8_t type = 0;  // 0 HBH, 43 routing, 44 fragment, 60 dstopts
  Bytes body;             // everything after the next-header byte (and length byte for non-fragment)
};
struct Ipv6Spec {
  Ipv6Address src;
  Ipv6Address dst;
  std::uint8_t hop_limit = 64;
  std::vector<Ipv6Extension> extensions;
  std::uint8_t protocol = 6;
  int payload_length = -1;  // override
};
Bytes ipv6_packet(const Ipv6Spec& ip, const Bytes& payload);

// Link layers.
Bytes ethernet(std::uint16_t ethertype, const Bytes& payload, const std::vector<std::uint16_t>& vlan_ids = {},
               std::uint16_t vlan_tpid = 0x8100);
Bytes linux_sll(std::uint16_t protocol, const Bytes& payload, std::uint16_t packet_type = 0);
Bytes linux_sll2(std::uint16_t protocol, const Bytes& payload, std::uint32_t ifindex, std::uint8_t packet_type = 0);
Bytes bsd_null(std::uint32_t family, const Bytes& payload);  // host (little-endian) order
Bytes bsd_loop(std::uint32_t family, const Bytes& payload);  // network order

// Where every synthetic capture's clock starts: 2023-11-14 22:13:20 UTC, in ns.
inline constexpr std::uint64_t kSyntheticStart = 1700000000ull * 1'000'000'000ull;

inline constexpr int kLinkNull = 0, kLinkEthernet = 1, kLinkRaw = 101, kLinkLoop = 108, kLinkSll = 113, kLinkIpv4 = 228,
                     kLinkIpv6 = 229, kLinkSll2 = 276;

// Encapsulations (used by captures/synthetic/encap). Each builder returns its
// header followed by the payload, with lengths and checksums filled in.
inline constexpr int kLinkPpp = 9, kLinkPppHdlc = 50, kLinkCHdlc = 104, kLinkIeee80211 = 105,
                     kLinkIeee80211Radiotap = 127;

struct MacAddress {
  std::array<std::uint8_t, 6> b{};
};
MacAddress mac(const char* text);  // "02:00:00:00:00:01"

Bytes be16(std::uint16_t v);
Bytes be32(std::uint32_t v);
// The folded one's complement of the 16-bit one's complement sum (RFC 1071).
std::uint16_t internet_checksum(const Bytes& data);

struct VlanTag {
  std::uint16_t tpid = 0x8100;
  std::uint16_t tci = 0;  // PCP, DEI and VLAN id
};
// Ethernet II with explicit addresses and tags, outermost tag first.
Bytes ethernet_frame(const MacAddress& dst, const MacAddress& src, std::uint16_t ethertype, const Bytes& payload,
                     const std::vector<VlanTag>& tags = {});
// 802.3 frame (length field) with LLC AA AA 03 and SNAP OUI 00-00-00.
Bytes ethernet_llc_snap(const MacAddress& dst, const MacAddress& src, std::uint16_t ethertype, const Bytes& payload);

// UDP datagram with its checksum over the pseudo-header (IPv4: 0 when !checksum).
Bytes udp_over_ipv4(std::uint16_t sport, std::uint16_t dport, const Bytes& payload, const Ipv4Address& src,
                    const Ipv4Address& dst, bool checksum = true);
Bytes udp_over_ipv6(std::uint16_t sport, std::uint16_t dport, const Bytes& payload, const Ipv6Address& src,
                    const Ipv6Address& dst);

// MPLS label stack entries, outermost first; the last has bottom-of-stack set
// unless bottom is false.
Bytes mpls(const std::vector<std::uint32_t>& labels, const Bytes& payload, bool bottom = true, std::uint8_t ttl = 64);

// PPPoE session header (0x8864 payload) and PPP protocol field.
// length -1: the true length (PPP protocol + payload).
Bytes pppoe_session(std::uint16_t session_id, std::uint16_t ppp_protocol, const Bytes& payload, int length = -1);

struct GreSpec {
  std::uint16_t protocol = 0x0800;
  bool checksum = false;  // C bit: checksum (over header and payload) and reserved1
  bool has_key = false;
  std::uint32_t key = 0;
  bool has_sequence = false;
  std::uint32_t sequence = 0;
};
Bytes gre(const GreSpec& g, const Bytes& payload);  // version 0

// VXLAN (flags 0x08, RFC 7348).
Bytes vxlan(std::uint32_t vni, const Bytes& payload);
// Geneve (RFC 8926); options are raw option TLVs (multiple of 4 bytes).
// opt_len_words -1: options.size() / 4.
Bytes geneve(std::uint32_t vni, std::uint16_t protocol, const Bytes& options, const Bytes& payload,
             int opt_len_words = -1);
// One Geneve option TLV; data padded to a multiple of 4.
Bytes geneve_option(std::uint16_t option_class, std::uint8_t type, const Bytes& data);

// GTPv1-U G-PDU (message type 0xff). With extensions (each: type, contents
// whose length + 2 is a multiple of 4), the E flag is set and the
// sequence/N-PDU/next-extension word follows the mandatory header.
struct GtpExtension {
  std::uint8_t type = 0;
  Bytes contents;
};
Bytes gtpu(std::uint32_t teid, const Bytes& payload, const std::vector<GtpExtension>& extensions = {});

}  // namespace capgen
