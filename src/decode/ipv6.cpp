#include "tcplens/decode/ip_layer.hpp"

namespace tcplens {

namespace {
constexpr std::uint32_t kIpv6Header = 40;
constexpr std::uint8_t kHopByHop = 0;
constexpr std::uint8_t kRouting = 43;
constexpr std::uint8_t kFragment = 44;
constexpr std::uint8_t kDestinationOptions = 60;
constexpr std::uint8_t kMobility = 135;
constexpr std::uint8_t kMobilityOld = 62;
constexpr std::uint8_t kJumboOption = 0xc2;

// Walks the options of a hop-by-hop header looking for a Jumbo Payload option
// (RFC 2675); returns its length, or 0 when there is none.
std::uint32_t find_jumbo_length(Bytes header) {
  std::size_t i = 2;
  while (i < header.size()) {
    const std::uint8_t type = header[i];
    if (type == 0) {  // Pad1
      ++i;
      continue;
    }
    if (i + 1 >= header.size()) break;
    const std::uint8_t len = header[i + 1];
    if (type == kJumboOption && len == 4 && i + 6 <= header.size()) return load_be32(header.data() + i + 2);
    i += 2u + len;
  }
  return 0;
}

bool remember_extension(IpLayer& ip, std::uint8_t type, Bytes raw) {
  if (ip.extension_count >= ip.extensions.size()) return false;
  ip.extensions[ip.extension_count++] = Ip6Extension{type, raw, 0};
  return true;
}

}  // namespace

void decode_ipv6(ByteReader packet, std::uint32_t wire_length, IpLayer& ip) {
  ip.family = IpFamily::v6;
  if (!packet.has(0, kIpv6Header)) return fail(ip, Anomaly::truncated_ip);
  if (wire_length < kIpv6Header) return fail(ip, Anomaly::truncated_ip);
  const auto b = packet.bytes();
  if ((b[0] >> 4) != 6) return fail(ip, Anomaly::bad_ip_version);

  ip.src = IpAddress::v6_at(b.data() + 8);
  ip.dst = IpAddress::v6_at(b.data() + 24);
  ip.ttl = b[7];
  const std::uint32_t payload_length = load_be16(b.data() + 4);
  std::uint32_t total = payload_length + kIpv6Header;
  if (payload_length != 0 && wire_length < total) ip.missing_bytes = total - wire_length;
  // A zero payload length means a jumbogram: the length comes from a
  // hop-by-hop option, so the headers are read from what was captured.
  ByteReader visible(payload_length != 0 ? packet.slice(0, total) : packet.bytes());

  std::uint8_t next = b[6];
  ip.header_protocol = next;
  std::uint32_t offset = kIpv6Header;
  std::uint32_t jumbo = 0;
  for (;;) {
    if (next == kHopByHop || next == kDestinationOptions || next == kRouting) {
      const auto len_units = visible.u8(offset + 1);
      if (!len_units) return fail(ip, Anomaly::truncated_ip);
      const std::uint32_t ext_len = (*len_units + 1u) * 8u;
      if (!visible.has(offset, ext_len)) return fail(ip, Anomaly::truncated_ip);
      const Bytes raw = visible.slice(offset, ext_len);
      if (next == kHopByHop) {
        if (ip.extension_count != 0) return fail(ip, Anomaly::bad_ip6_extension);
        jumbo = find_jumbo_length(raw);
        if (payload_length == 0 && jumbo == 0) return fail(ip, Anomaly::bad_ip6_extension);
      }
      if (next == kRouting) {
        const std::uint8_t type = raw[2];
        const bool listed = type == 0 || type == 2;
        if ((listed && (raw[1] % 2) != 0) || (!listed && type != 4)) return fail(ip, Anomaly::bad_ip6_extension);
      }
      if (!remember_extension(ip, next, raw)) return fail(ip, Anomaly::bad_ip6_extension);
      next = raw[0];
      offset += ext_len;
      continue;
    }
    if (next == kFragment) {
      if (!visible.has(offset, 8)) return fail(ip, Anomaly::truncated_ip);
      const Bytes raw = visible.slice(offset, 8);
      if (!remember_extension(ip, next, raw)) return fail(ip, Anomaly::bad_ip6_extension);
      ip.extensions[ip.extension_count - 1].fragment_payload = payload_length + kIpv6Header - offset - 8;
      const std::uint16_t frag = load_be16(raw.data() + 2);
      ip.fragment_offset = frag & 0xfff8u;
      ip.more_fragments = (frag & 1u) != 0;
      ip.fragment_id = load_be32(raw.data() + 4);
      ip.unfragmentable_length = offset;
      next = raw[0];
      offset += 8;
      // A later fragment's payload is the middle of the datagram, not headers.
      if (ip.fragment_offset != 0) break;
      if (visible.size() <= offset) return fail(ip, Anomaly::truncated_ip);
      // Even an atomic fragment (no more to come, RFC 6946: a whole
      // datagram) stops the walk into a tunnel, as before reassembly.
      ip.first_fragment = true;
      continue;
    }
    if (next == kMobility || next == kMobilityOld) {
      ip.transport_protocol = next;
      return fail(ip, Anomaly::none);
    }
    break;
  }

  if (payload_length == 0 && jumbo == 0) {
    total = offset;  // tcpdump shows nothing past the headers
    visible = ByteReader(packet.slice(0, total));
  }
  if (jumbo != 0) {
    total = jumbo + kIpv6Header;
    if (total < offset) return fail(ip, Anomaly::truncated_ip);
    ip.missing_bytes = wire_length < total ? total - wire_length : 0;
    ip.jumbo = true;
    visible = ByteReader(packet.slice(0, total));
  }
  if (total < offset) return fail(ip, Anomaly::truncated_ip);
  ip.transport_protocol = next;
  ip.header_length = offset;
  ip.transport_length = total - offset;
  ip.transport = visible.from(offset);
}

}  // namespace tcplens
