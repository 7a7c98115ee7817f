#include "capgen.hpp"

#include <arpa/inet.h>

#include <cstring>
#include <stdexcept>

namespace capgen {

namespace {

void put16(Bytes& b, std::uint16_t v) {
  b.push_back(static_cast<std::uint8_t>(v >> 8));
  b.push_back(static_cast<std::uint8_t>(v));
}
void put32(Bytes& b, std::uint32_t v) {
  put16(b, static_cast<std::uint16_t>(v >> 16));
  put16(b, static_cast<std::uint16_t>(v));
}
void set16(Bytes& b, std::size_t at, std::uint16_t v) {
  b[at] = static_cast<std::uint8_t>(v >> 8);
  b[at + 1] = static_cast<std::uint8_t>(v);
}

std::uint32_t sum16(const std::uint8_t* p, std::size_t n, std::uint32_t sum = 0) {
  for (std::size_t i = 0; i + 1 < n; i += 2) sum += (p[i] << 8) | p[i + 1];
  if (n % 2 != 0) sum += p[n - 1] << 8;
  return sum;
}
std::uint16_t fold(std::uint32_t sum) {
  while ((sum >> 16) != 0) sum = (sum & 0xffff) + (sum >> 16);
  return static_cast<std::uint16_t>(~sum & 0xffff);
}

Bytes tcp_header(const TcpSpec& t) {
  Bytes opts = t.options;
  if (!t.exact_options) {
    while (opts.size() % 4 != 0) opts.push_back(1);
  }
  Bytes b;
  put16(b, t.sport);
  put16(b, t.dport);
  put32(b, t.seq);
  put32(b, t.ack);
  const int words = t.data_offset_words >= 0 ? t.data_offset_words : static_cast<int>((20 + opts.size()) / 4);
  b.push_back(static_cast<std::uint8_t>(words << 4));
  b.push_back(t.flags);
  put16(b, t.window);
  put16(b, 0);  // checksum
  put16(b, t.urgent);
  b.insert(b.end(), opts.begin(), opts.end());
  b.insert(b.end(), t.payload.begin(), t.payload.end());
  return b;
}

}  // namespace

CaptureWriter::CaptureWriter(const std::string& path, int linktype, FileFormat format, std::uint32_t snaplen)
    : file_(std::fopen(path.c_str(), "wb")), format_(format) {
  if (file_ == nullptr) throw std::runtime_error("cannot write " + path);
  if (format == FileFormat::pcapng) {
    // Section Header Block, then one Interface Description Block (nanosecond resolution).
    const std::uint32_t shb[] = {0x0A0D0D0A, 28, 0x1A2B3C4D, 0x00000001, 0xFFFFFFFF, 0xFFFFFFFF, 28};
    put(shb, sizeof shb);
    const std::uint32_t idb_len = 20 + 8 + 4;
    const std::uint32_t idb_head[] = {1, idb_len, static_cast<std::uint32_t>(linktype & 0xffff), snaplen};
    put(idb_head, sizeof idb_head);
    const std::uint8_t tsresol[] = {9, 0, 1, 0, 9, 0, 0, 0};  // if_tsresol = 10^-9
    put(tsresol, sizeof tsresol);
    const std::uint32_t end[] = {0, idb_len};  // opt_endofopt, trailing length
    put(end, sizeof end);
    return;
  }
  const std::uint32_t magic = format == FileFormat::pcap_nano ? 0xa1b23c4d : 0xa1b2c3d4;
  const std::uint16_t version[] = {2, 4};
  const std::uint32_t rest[] = {0, 0, snaplen, static_cast<std::uint32_t>(linktype)};
  put(&magic, 4);
  put(version, sizeof version);
  put(rest, sizeof rest);
}

CaptureWriter::~CaptureWriter() { std::fclose(file_); }

void CaptureWriter::put(const void* data, std::size_t size) {
  if (size == 0) return;  // an empty record: fwrite must not see a null pointer
  if (std::fwrite(data, 1, size, file_) != size) throw std::runtime_error("short write");
}

void CaptureWriter::write(std::uint64_t ts_ns, const Bytes& frame, std::uint32_t wire_length, std::uint32_t caplen) {
  const auto stored = static_cast<std::uint32_t>(std::min<std::size_t>(frame.size(), caplen));
  const std::uint32_t wire = wire_length != 0 ? wire_length : static_cast<std::uint32_t>(frame.size());
  if (format_ == FileFormat::pcapng) {
    const std::uint32_t padded = (stored + 3) & ~3u;
    const std::uint32_t block_len = 32 + padded;
    const std::uint32_t head[] = {
        6, block_len, 0, static_cast<std::uint32_t>(ts_ns >> 32), static_cast<std::uint32_t>(ts_ns), stored, wire};
    put(head, sizeof head);
    put(frame.data(), stored);
    const std::uint8_t zeros[4] = {};
    put(zeros, padded - stored);
    put(&block_len, 4);
    return;
  }
  const std::uint32_t sec = static_cast<std::uint32_t>(ts_ns / 1'000'000'000);
  const std::uint32_t frac = format_ == FileFormat::pcap_nano
                                 ? static_cast<std::uint32_t>(ts_ns % 1'000'000'000)
                                 : static_cast<std::uint32_t>(ts_ns % 1'000'000'000 / 1000);
  const std::uint32_t rec[] = {sec, frac, stored, wire};
  put(rec, sizeof rec);
  put(frame.data(), stored);
}

Ipv4Address ipv4(const char* text) {
  Ipv4Address a;
  if (inet_pton(AF_INET, text, a.b.data()) != 1) throw std::runtime_error(std::string("bad IPv4 ") + text);
  return a;
}
Ipv6Address ipv6(const char* text) {
  Ipv6Address a;
  if (inet_pton(AF_INET6, text, a.b.data()) != 1) throw std::runtime_error(std::string("bad IPv6 ") + text);
  return a;
}

Bytes opt_mss(std::uint16_t mss) { return {2, 4, static_cast<std::uint8_t>(mss >> 8), static_cast<std::uint8_t>(mss)}; }
Bytes opt_wscale(std::uint8_t shift) { return {3, 3, shift}; }
Bytes opt_sack_permitted() { return {4, 2}; }
Bytes opt_nop() { return {1}; }
Bytes opt_timestamp(std::uint32_t val, std::uint32_t ecr) {
  Bytes b{8, 10};
  put32(b, val);
  put32(b, ecr);
  return b;
}
Bytes opt_sack(const std::vector<std::pair<std::uint32_t, std::uint32_t>>& blocks) {
  Bytes b{5, static_cast<std::uint8_t>(2 + 8 * blocks.size())};
  for (const auto& [l, r] : blocks) {
    put32(b, l);
    put32(b, r);
  }
  return b;
}
Bytes cat(std::initializer_list<Bytes> parts) {
  Bytes b;
  for (const auto& p : parts) b.insert(b.end(), p.begin(), p.end());
  return b;
}
Bytes text(const std::string& s) { return Bytes(s.begin(), s.end()); }

Bytes tcp_over_ipv4(const TcpSpec& t, const Ipv4Address& src, const Ipv4Address& dst) {
  Bytes seg = tcp_header(t);
  std::uint32_t sum = sum16(src.b.data(), 4) + sum16(dst.b.data(), 4) + 6 + static_cast<std::uint32_t>(seg.size());
  set16(seg, 16, fold(sum16(seg.data(), seg.size(), sum)));
  return seg;
}

Bytes tcp_over_ipv6(const TcpSpec& t, const Ipv6Address& src, const Ipv6Address& dst) {
  Bytes seg = tcp_header(t);
  std::uint32_t sum = sum16(src.b.data(), 16) + sum16(dst.b.data(), 16) + 6 + static_cast<std::uint32_t>(seg.size());
  set16(seg, 16, fold(sum16(seg.data(), seg.size(), sum)));
  return seg;
}

Bytes ipv4_packet(const Ipv4Spec& ip, const Bytes& payload) {
  Bytes opts = ip.options;
  while (opts.size() % 4 != 0) opts.push_back(0);
  const std::size_t hlen = 20 + opts.size();
  Bytes b;
  b.push_back(static_cast<std::uint8_t>(0x40 | (hlen / 4)));
  b.push_back(0);
  put16(b, static_cast<std::uint16_t>(ip.total_length >= 0 ? ip.total_length : hlen + payload.size()));
  put16(b, ip.id);
  std::uint16_t frag = ip.fragment_offset & 0x1fff;
  if (ip.dont_fragment) frag |= 0x4000;
  if (ip.more_fragments) frag |= 0x2000;
  put16(b, frag);
  b.push_back(ip.ttl);
  b.push_back(ip.protocol);
  put16(b, 0);
  b.insert(b.end(), ip.src.b.begin(), ip.src.b.end());
  b.insert(b.end(), ip.dst.b.begin(), ip.dst.b.end());
  b.insert(b.end(), opts.begin(), opts.end());
  set16(b, 10, fold(sum16(b.data(), hlen)));
  b.insert(b.end(), payload.begin(), payload.end());
  return b;
}

Bytes ipv6_packet(const Ipv6Spec& ip, const Bytes& payload) {
  Bytes ext;
  for (std::size_t i = 0; i < ip.extensions.size(); ++i) {
    const std::uint8_t next = i + 1 < ip.extensions.size() ? ip.extensions[i + 1].type : ip.protocol;
    ext.push_back(next);
    ext.insert(ext.end(), ip.extensions[i].body.begin(), ip.extensions[i].body.end());
  }
  Bytes b{0x60, 0, 0, 0};
  put16(b, static_cast<std::uint16_t>(ip.payload_length >= 0 ? ip.payload_length : ext.size() + payload.size()));
  b.push_back(ip.extensions.empty() ? ip.protocol : ip.extensions.front().type);
  b.push_back(ip.hop_limit);
  b.insert(b.end(), ip.src.b.begin(), ip.src.b.end());
  b.insert(b.end(), ip.dst.b.begin(), ip.dst.b.end());
  b.insert(b.end(), ext.begin(), ext.end());
  b.insert(b.end(), payload.begin(), payload.end());
  return b;
}

Bytes ethernet(std::uint16_t ethertype, const Bytes& payload, const std::vector<std::uint16_t>& vlan_ids,
               std::uint16_t vlan_tpid) {
  Bytes b{0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01};
  for (std::size_t i = 0; i < vlan_ids.size(); ++i) {
    put16(b, i == 0 ? vlan_tpid : 0x8100);
    put16(b, vlan_ids[i]);
  }
  put16(b, ethertype);
  b.insert(b.end(), payload.begin(), payload.end());
  return b;
}

Bytes linux_sll(std::uint16_t protocol, const Bytes& payload, std::uint16_t packet_type) {
  Bytes b;
  put16(b, packet_type);
  put16(b, 1);  // ARPHRD_ETHER
  put16(b, 6);
  const std::uint8_t addr[8] = {2, 0, 0, 0, 0, 1, 0, 0};
  b.insert(b.end(), addr, addr + 8);
  put16(b, protocol);
  b.insert(b.end(), payload.begin(), payload.end());
  return b;
}

Bytes linux_sll2(std::uint16_t protocol, const Bytes& payload, std::uint32_t ifindex, std::uint8_t packet_type) {
  Bytes b;
  put16(b, protocol);
  put16(b, 0);
  put32(b, ifindex);
  put16(b, 1);
  b.push_back(packet_type);
  b.push_back(6);
  const std::uint8_t addr[8] = {2, 0, 0, 0, 0, 1, 0, 0};
  b.insert(b.end(), addr, addr + 8);
  b.insert(b.end(), payload.begin(), payload.end());
  return b;
}

Bytes bsd_null(std::uint32_t family, const Bytes& payload) {
  Bytes b{static_cast<std::uint8_t>(family), static_cast<std::uint8_t>(family >> 8),
          static_cast<std::uint8_t>(family >> 16), static_cast<std::uint8_t>(family >> 24)};
  b.insert(b.end(), payload.begin(), payload.end());
  return b;
}

Bytes bsd_loop(std::uint32_t family, const Bytes& payload) {
  Bytes b;
  put32(b, family);
  b.insert(b.end(), payload.begin(), payload.end());
  return b;
}

MacAddress mac(const char* text) {
  MacAddress m;
  unsigned v[6];
  if (std::sscanf(text, "%x:%x:%x:%x:%x:%x", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5]) != 6)
    throw std::runtime_error(std::string("bad MAC ") + text);
  for (int i = 0; i < 6; ++i) m.b[i] = static_cast<std::uint8_t>(v[i]);
  return m;
}

Bytes be16(std::uint16_t v) {
  Bytes b;
  put16(b, v);
  return b;
}
Bytes be32(std::uint32_t v) {
  Bytes b;
  put32(b, v);
  return b;
}
std::uint16_t internet_checksum(const Bytes& data) { return fold(sum16(data.data(), data.size())); }

Bytes ethernet_frame(const MacAddress& dst, const MacAddress& src, std::uint16_t ethertype, const Bytes& payload,
                     const std::vector<VlanTag>& tags) {
  Bytes b(dst.b.begin(), dst.b.end());
  b.insert(b.end(), src.b.begin(), src.b.end());
  for (const auto& t : tags) {
    put16(b, t.tpid);
    put16(b, t.tci);
  }
  put16(b, ethertype);
  b.insert(b.end(), payload.begin(), payload.end());
  return b;
}

Bytes ethernet_llc_snap(const MacAddress& dst, const MacAddress& src, std::uint16_t ethertype, const Bytes& payload) {
  Bytes b(dst.b.begin(), dst.b.end());
  b.insert(b.end(), src.b.begin(), src.b.end());
  put16(b, static_cast<std::uint16_t>(8 + payload.size()));
  const std::uint8_t llc_snap[6] = {0xaa, 0xaa, 0x03, 0, 0, 0};
  b.insert(b.end(), llc_snap, llc_snap + 6);
  put16(b, ethertype);
  b.insert(b.end(), payload.begin(), payload.end());
  return b;
}

namespace {
Bytes udp_header(std::uint16_t sport, std::uint16_t dport, const Bytes& payload) {
  Bytes b;
  put16(b, sport);
  put16(b, dport);
  put16(b, static_cast<std::uint16_t>(8 + payload.size()));
  put16(b, 0);
  b.insert(b.end(), payload.begin(), payload.end());
  return b;
}
}  // namespace

Bytes udp_over_ipv4(std::uint16_t sport, std::uint16_t dport, const Bytes& payload, const Ipv4Address& src,
                    const Ipv4Address& dst, bool checksum) {
  Bytes d = udp_header(sport, dport, payload);
  if (!checksum) return d;
  std::uint32_t sum = sum16(src.b.data(), 4) + sum16(dst.b.data(), 4) + 17 + static_cast<std::uint32_t>(d.size());
  std::uint16_t c = fold(sum16(d.data(), d.size(), sum));
  set16(d, 6, c == 0 ? 0xffff : c);
  return d;
}

Bytes udp_over_ipv6(std::uint16_t sport, std::uint16_t dport, const Bytes& payload, const Ipv6Address& src,
                    const Ipv6Address& dst) {
  Bytes d = udp_header(sport, dport, payload);
  std::uint32_t sum = sum16(src.b.data(), 16) + sum16(dst.b.data(), 16) + 17 + static_cast<std::uint32_t>(d.size());
  std::uint16_t c = fold(sum16(d.data(), d.size(), sum));
  set16(d, 6, c == 0 ? 0xffff : c);
  return d;
}

Bytes mpls(const std::vector<std::uint32_t>& labels, const Bytes& payload, bool bottom, std::uint8_t ttl) {
  Bytes b;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const bool s = bottom && i + 1 == labels.size();
    put32(b, (labels[i] & 0xfffff) << 12 | (s ? 0x100u : 0u) | ttl);
  }
  b.insert(b.end(), payload.begin(), payload.end());
  return b;
}

Bytes pppoe_session(std::uint16_t session_id, std::uint16_t ppp_protocol, const Bytes& payload, int length) {
  Bytes b{0x11, 0x00};
  put16(b, session_id);
  put16(b, static_cast<std::uint16_t>(length >= 0 ? length : 2 + payload.size()));
  put16(b, ppp_protocol);
  b.insert(b.end(), payload.begin(), payload.end());
  return b;
}

Bytes gre(const GreSpec& g, const Bytes& payload) {
  Bytes b;
  put16(b, static_cast<std::uint16_t>((g.checksum ? 0x8000 : 0) | (g.has_key ? 0x2000 : 0) |
                                      (g.has_sequence ? 0x1000 : 0)));
  put16(b, g.protocol);
  if (g.checksum) put32(b, 0);
  if (g.has_key) put32(b, g.key);
  if (g.has_sequence) put32(b, g.sequence);
  b.insert(b.end(), payload.begin(), payload.end());
  if (g.checksum) set16(b, 4, internet_checksum(b));
  return b;
}

Bytes vxlan(std::uint32_t vni, const Bytes& payload) {
  Bytes b{0x08, 0, 0, 0};
  put32(b, (vni & 0xffffff) << 8);
  b.insert(b.end(), payload.begin(), payload.end());
  return b;
}

Bytes geneve(std::uint32_t vni, std::uint16_t protocol, const Bytes& options, const Bytes& payload, int opt_len_words) {
  const int words = opt_len_words >= 0 ? opt_len_words : static_cast<int>(options.size() / 4);
  Bytes b{static_cast<std::uint8_t>(words & 0x3f), 0};
  put16(b, protocol);
  put32(b, (vni & 0xffffff) << 8);
  b.insert(b.end(), options.begin(), options.end());
  b.insert(b.end(), payload.begin(), payload.end());
  return b;
}

Bytes geneve_option(std::uint16_t option_class, std::uint8_t type, const Bytes& data) {
  Bytes d = data;
  while (d.size() % 4 != 0) d.push_back(0);
  Bytes b;
  put16(b, option_class);
  b.push_back(type);
  b.push_back(static_cast<std::uint8_t>((d.size() / 4) & 0x1f));
  b.insert(b.end(), d.begin(), d.end());
  return b;
}

Bytes gtpu(std::uint32_t teid, const Bytes& payload, const std::vector<GtpExtension>& extensions) {
  Bytes opt;
  if (!extensions.empty()) {
    put16(opt, 0);     // sequence number
    opt.push_back(0);  // N-PDU number
    opt.push_back(extensions.front().type);
    for (std::size_t i = 0; i < extensions.size(); ++i) {
      const auto& c = extensions[i].contents;
      opt.push_back(static_cast<std::uint8_t>((c.size() + 2) / 4));
      opt.insert(opt.end(), c.begin(), c.end());
      opt.push_back(i + 1 < extensions.size() ? extensions[i + 1].type : 0);
    }
  }
  Bytes b{static_cast<std::uint8_t>(extensions.empty() ? 0x30 : 0x34), 0xff};
  put16(b, static_cast<std::uint16_t>(opt.size() + payload.size()));
  put32(b, teid);
  b.insert(b.end(), opt.begin(), opt.end());
  b.insert(b.end(), payload.begin(), payload.end());
  return b;
}

}  // namespace capgen
