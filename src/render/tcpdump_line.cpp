#include "tcplens/render/tcpdump_line.hpp"

#include <fmt/format.h>
#include <net/if.h>

#include "tcplens/render/encap_text.hpp"
#include "tcplens/render/http_text.hpp"
#include "tcplens/render/ip6_extension_text.hpp"
#include "tcplens/render/tcp_flags_text.hpp"
#include "tcplens/render/tcp_options_text.hpp"

namespace tcplens {

namespace {

std::string_view sll_packet_type_name(std::uint8_t type) {
  switch (type) {
    case 0:
      return "In";
    case 1:
      return "B";
    case 2:
      return "M";
    case 3:
      return "P";
    case 4:
      return "Out";
    default:
      return "?";
  }
}

// "IP " or "IP6 ", then what tcpdump's IP printers put before the TCP part.
void render_ip_prefix(TextBuffer& out, const IpLayer& ip) {
  if (ip.family == IpFamily::v4) {
    append(out, "IP ");
    if (ip.missing_bytes != 0) print(out, FMT_COMPILE("truncated-ip - {} bytes missing! "), ip.missing_bytes);
    return;
  }
  append(out, "IP6 ");
  if (ip.missing_bytes != 0 && !ip.jumbo)
    print(out, FMT_COMPILE("truncated-ip6 - {} bytes missing!"), ip.missing_bytes);
  if (ip.header_protocol != kIpProtoTcp)
    print(out, FMT_COMPILE("{} > {}: "), ip.src.text().view(), ip.dst.text().view());
  for (std::uint8_t i = 0; i < ip.extension_count; ++i) render_ip6_extension(out, ip.extensions[i]);
  if (ip.missing_bytes != 0 && ip.jumbo) print(out, FMT_COMPILE("truncated-ip6 - {} bytes missing!"), ip.missing_bytes);
}

void render_endpoints(TextBuffer& out, const IpLayer& ip, const TcpSegment& tcp) {
  if (ip.header_protocol == kIpProtoTcp) {
    print(out, FMT_COMPILE("{}.{} > {}.{}: "), ip.src.text().view(), tcp.src_port, ip.dst.text().view(), tcp.dst_port);
  } else {
    print(out, FMT_COMPILE("{} > {}: "), tcp.src_port, tcp.dst_port);
  }
}

void render_numbers(TextBuffer& out, const TcpSegment& tcp, const ShownNumbers& n, std::uint32_t payload) {
  if (payload > 0 || tcp.has(tcp_flag::syn) || tcp.has(tcp_flag::fin) || tcp.has(tcp_flag::rst)) {
    print(out, FMT_COMPILE(", seq {}"), n.seq);
    if (payload > 0) print(out, FMT_COMPILE(":{}"), n.seq + payload);
  }
  if (tcp.has(tcp_flag::ack)) print(out, FMT_COMPILE(", ack {}"), n.ack);
  print(out, FMT_COMPILE(", win {}"), tcp.window);
  if (tcp.has(tcp_flag::urg)) print(out, FMT_COMPILE(", urg {}"), tcp.urgent);
}

}  // namespace

void render_link_prefix(TextBuffer& out, const LinkLayer& link) {
  if (!link.has_sll2) return;
  char name[IF_NAMESIZE + 1] = {};
  if (if_indextoname(link.sll2_ifindex, name) == nullptr) name[0] = '?', name[1] = '\0';
  print(out, FMT_COMPILE("{:<5} {:<3} "), name, sll_packet_type_name(link.sll2_packet_type));
}

void render_tcpdump_line(TextBuffer& out, const DecodedPacket& pkt, const ShownNumbers& numbers) {
  const IpLayer& ip = pkt.ip;
  const TcpSegment& tcp = pkt.tcp;
  render_link_prefix(out, pkt.link);
  render_encap_prefix(out, pkt);
  render_ip_prefix(out, ip);
  if (tcp.completeness == TcpCompleteness::no_ports) {
    print(out, FMT_COMPILE("{} > {}: [|tcp]"), ip.src.text().view(), ip.dst.text().view());
    return;
  }
  render_endpoints(out, ip, tcp);
  if (tcp.completeness == TcpCompleteness::no_header) {
    append(out, " [|tcp]");
    return;
  }
  if (tcp.completeness == TcpCompleteness::header_too_short) {
    print(out, FMT_COMPILE(" tcp {} [bad hdr length {} - too short, < 20]"), tcp.segment_length - tcp.header_length,
          tcp.header_length);
    return;
  }
  print(out, FMT_COMPILE("Flags [{}]"), tcp_flags_text(tcp.flags));
  if (tcp.completeness == TcpCompleteness::header_too_long) {
    print(out, FMT_COMPILE(" [bad hdr length {} - too long, > {}]"), tcp.header_length, tcp.segment_length);
    return;
  }
  const std::uint32_t payload = tcp.payload_length();
  render_numbers(out, tcp, numbers, payload);
  if (tcp.header_length > kTcpMinHeader) {
    OptionsContext ctx;
    ctx.captured = tcp.options();
    ctx.declared = tcp.header_length - kTcpMinHeader;
    ctx.sack_base = numbers.sack_base;
    ctx.payload_captured = tcp.captured.size() >= tcp.segment_length;
    ctx.tcp_flags = tcp.flags;
    if (render_tcp_options(out, ctx) != OptionsEnd::closed) return;
  }
  print(out, FMT_COMPILE(", length {}"), payload);
  if (payload == 0 || !tcp.header_captured()) return;
  if (!tcpdump_prints_http(tcp.src_port, tcp.dst_port)) return;
  const std::size_t before = out.size();
  render_http_suffix(out, tcp.payload(), payload);
  // The HTTP suffix runs to the end of tcpdump's line, where the printers
  // of the headers around it close (L2TP's "}").
  if (out.size() != before) render_encap_suffix(out, pkt);
}

}  // namespace tcplens
